"""Sign in: the form shown, whatever the address, until someone has signed in. Not a page of
its own: app.py shows it in place of the page asked for, which then opens after signing in."""

import streamlit as st

from dashboard import session
from embargo.i18n import _


def show_sign_in() -> None:
    st.title(_("Sign in"))
    st.caption(_("Embargo Monitor. Accounts are local to this installation; ask an administrator."))
    notice = st.session_state.pop(session.NOTICE, None)
    if notice:
        st.info(notice)
    if session.auth_mode() == "proxy":
        return
    # Cleared on submit: the password does not stay in the session state.
    with st.columns([2, 3])[0], st.form("sign_in", clear_on_submit=True):
        user_name = st.text_input(
            _("User name"), key="access_sign_in_name", autocomplete="username"
        )
        password = st.text_input(
            _("Password"),
            type="password",
            key="access_sign_in_password",
            autocomplete="current-password",
        )
        submitted = st.form_submit_button(_("Sign in"), type="primary")
    if submitted:
        refusal = session.attempt_sign_in(user_name, password)
        if refusal is None:
            st.rerun()
        st.error(refusal)
