"""The spaCy English pipeline flashpoint parses with, and the components it adds to it
(paragraph-aware sentence cuts, long texts parsed in chunks, trigger phrase patterns)."""
