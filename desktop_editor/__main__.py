from desktop_editor.cli import main

raise SystemExit(main())
