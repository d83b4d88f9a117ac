from django.dispatch import Signal

# Sent when the parent links of a subtree change from a date on. Apps that stamp records with the
# tree as it stood on their date (e.g. activities' ancestor columns) re-stamp the records of
# `unit_ids` dated on or after `since`. Arguments: unit_ids (list of int), since (date).
tree_changed = Signal()
