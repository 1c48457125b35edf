"""Who did what to whom, when and how many: the parse-based extraction stages (triggers,
actors, dates, modality, quantities) and the assembly of events from them."""
