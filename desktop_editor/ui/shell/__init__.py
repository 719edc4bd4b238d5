"""The window's frame: main window, actions, settings, Qt ports of the open article, workers, exits."""
