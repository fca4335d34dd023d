"""Sign in: the only page shown until someone has signed in with a local account."""

import streamlit as st

from dashboard import session

st.title("Sign in")
st.caption("Embargo Monitor. Accounts are local to this installation; ask an administrator.")
notice = st.session_state.pop(session.NOTICE, None)
if notice:
    st.info(notice)
if session.auth_mode() == "proxy":
    st.stop()

# Cleared on submit: the password does not stay in the session state.
with st.form("sign_in", clear_on_submit=True):
    user_name = st.text_input("User name", key="access_sign_in_name", autocomplete="username")
    password = st.text_input(
        "Password", type="password", key="access_sign_in_password", autocomplete="current-password"
    )
    submitted = st.form_submit_button("Sign in", type="primary")

if submitted:
    refusal = session.attempt_sign_in(user_name, password)
    if refusal is None:
        st.rerun()
    st.error(refusal)
