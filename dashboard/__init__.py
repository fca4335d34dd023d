"""The Streamlit dashboard: everything that reads the warehouse and shows it."""
