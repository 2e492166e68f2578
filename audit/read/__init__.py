"""Read: input files of any format to plain text with offsets, and that text to paragraphs and statements."""
