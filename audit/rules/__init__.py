"""The rule pack: rules.yaml read and validated into a RuleSet (ruleset: the data; rulefile and entries: reading
and validating a file; loader: the default pack and extra files; ruletest: the rules' examples as tests)."""
