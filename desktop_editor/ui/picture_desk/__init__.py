"""Photos: the image panel, the import and thumbnail controller and their wiring."""
