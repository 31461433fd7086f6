"""The dialogs the window opens: welcome, restore from backup, help, choosing skills."""
