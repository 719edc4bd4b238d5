"""The page template, stylesheet, app icon and desktop entry sources.

This folder sits at the top of the source tree and is installed as the package
``desktop_editor.resources`` (see ``[tool.setuptools.package-dir]`` in pyproject.toml), so
``importlib.resources.files("desktop_editor.resources")`` finds these files in a source
checkout with an editable install, in a wheel and in the bundle alike."""
