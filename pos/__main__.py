from pos.app.cli import main

raise SystemExit(main())
