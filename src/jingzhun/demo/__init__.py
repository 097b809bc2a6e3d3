"""The fictional sample county 样例县 and the walkthrough ``jingzhun demo`` prints."""
