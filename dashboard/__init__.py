"""Dashboard helpers shared by the pages: filters, data access, charts, export."""
