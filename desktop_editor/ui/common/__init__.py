"""Qt helpers every part of the window shares: workers, drops, layout, settings, spelling,
the store and the open article's Qt ports. They import no feature and no shell."""
