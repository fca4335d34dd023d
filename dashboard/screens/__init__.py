"""Dashboard screens (pages): each lays out widgets, calls the query layer and renders charts."""
