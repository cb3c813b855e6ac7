"""The shared vocabulary of the engine, below rules and io: the sheet and
column names (``schema``), cell value coercion (``cells``), findings and the
one catalogue of their codes (``findings``, ``catalogue``), and which job a
finding blocks (``blocking``).  Imports only ``tdkt_xl.model``."""
