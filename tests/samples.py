"""Named text samples shared by the metric tests."""

EMPTY = ""
BLANK = " \n\t "
TWO_ACTORS = "The regime is brutal and corrupt, while the Mujahideen are brave and honest."
ABBREVIATIONS = "He said the U.S. will leave. Mr. Biden agreed.The Taliban won."
HEADLINE = "Evacuation at full speed\nWestern governments were preparing to evacuate."
MULTI_QUOTE = "“Of course this gives them the upper hand. The north is key,” said Asfandia Mir."
UNBALANCED = (
    "He said “this quote never closes. It goes on.\nThe next paragraph is the author's own."
)
STRAIGHT = 'Officials said "the city will not fall to anyone" on Monday.'
US_VS_US = "The US told us that US troops would stay with us."
