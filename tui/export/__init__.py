"""What leaves the tool: JSON and CSV of the data and the views, and PNG from SVG."""
