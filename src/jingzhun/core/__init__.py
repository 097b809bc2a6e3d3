"""The spine, with no policy content: dates, money, regions, citations, labelled enums, bounds,
decisions, dated parameters, the rule catalogue, errors and privacy. Imports nothing else of
jingzhun."""
