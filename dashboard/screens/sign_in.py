"""Sign in: the form shown, whatever the address, until someone has signed in. Not a page of
its own: app.py shows it in place of the page asked for, which then opens after signing in."""

import json

import streamlit as st

from dashboard import session
from embargo.i18n import _


def hand_over_cookie_change() -> bool:
    """After signing in or out, have the browser ask the server's guard for its new cookie
    (dashboard/server_guard.py): a script posts to the guard's address beside the page's (so it
    holds behind a base URL path too). After signing in the page then reloads, at the same
    address with its query parameters, as a new session that is signed in under the new cookie.
    True when the page is to show nothing more."""
    change = st.session_state.pop(session.COOKIE_CHANGE, None)
    if change is None:
        return False
    action, ticket = change
    query = f"?ticket={ticket}" if ticket else ""
    then = "window.location.reload()" if action == "sign-in" else "undefined"
    # The ticket is random URL-safe text; json.dumps quotes it for the script all the same.
    target = json.dumps(f"_embargo/{action}{query}")
    st.html(
        "<script>"
        f"fetch(window.location.pathname.replace(/[^/]*$/, '') + {target}, "
        "{method: 'POST', credentials: 'same-origin', cache: 'no-store'})"
        f".finally(() => {then});"
        "</script>",
        unsafe_allow_javascript=True,
    )
    if action == "sign-in":
        st.info(_("Signing in…"))
        return True
    return False


def show_sign_in() -> None:
    if hand_over_cookie_change():
        return
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
            if session.COOKIE_CHANGE in st.session_state:
                hand_over_cookie_change()
                st.stop()
            st.rerun()
        st.error(refusal)
