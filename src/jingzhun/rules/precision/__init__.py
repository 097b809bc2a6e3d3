"""The six precisions (六个精准) audit of a county registry: one rule per precision."""
