"""The main window and what it owns: the learner context, undo, menus, actions and themes."""
