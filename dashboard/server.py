"""The dashboard's server: Streamlit's own ASGI application (`st.App`) for dashboard/app.py, with
the guards of dashboard/server_guard.py in front of Streamlit's HTTP endpoints. `embargo serve`
runs this file with `streamlit run`, which recognises the application and serves it with the
settings of streamlit_config.toml."""

import streamlit as st
from starlette.middleware import Middleware

from dashboard.server_guard import ServerGuard
from embargo.config import DASHBOARD_APP

app = st.App(DASHBOARD_APP, middleware=[Middleware(ServerGuard)])
