"""ipywidgets over the customer database and the analytics (交互控件)."""
