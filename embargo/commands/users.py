"""`embargo users` and `embargo audit`: the dashboard's accounts, and the audit trail's chain
of row hashes. Both are kept in the access store (beside a local warehouse, or in the shared
catalog's PostgreSQL database)."""

from __future__ import annotations

import argparse
import sys

from embargo.classification import Classification
from embargo.cli import operator_name, write_json
from embargo.config import warehouse_path
from embargo.i18n import LANGUAGES


def read_password(prompt_twice: bool = True) -> str:
    """The password from a prompt (not echoed) at a terminal, else the first line of stdin;
    never from the command line, where other users and shell history would see it."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if prompt_twice and getpass.getpass("Repeat the password: ") != password:
        raise ValueError("the two passwords differ")
    return password


def cmd_users(args: argparse.Namespace) -> int:
    from embargo import accounts, audit

    store = accounts.access_store_path(warehouse_path(args.db) if args.db else None)
    try:
        if args.users_command == "list" and args.format == "json":
            write_json(
                [
                    {
                        "user": account.user_name,
                        "role": account.role,
                        "clearance": account.clearance.label,
                        "status": "disabled" if account.disabled else "enabled",
                        "created_at": account.created_at,
                    }
                    for account in accounts.list_users(store)
                ]
            )
            return 0
        if args.users_command == "list":
            print(f"{'user':<24} {'role':<8} {'clearance':<22} {'status':<9} created")
            for account in accounts.list_users(store):
                status = "disabled" if account.disabled else "enabled"
                print(
                    f"{account.user_name:<24} {account.role:<8} {account.clearance.label:<22} "
                    f"{status:<9} {account.created_at[:19]}"
                )
            return 0
        name = args.name
        if args.users_command == "add":
            password = read_password()
            account = accounts.add_user(name, args.role, args.clearance, password, store)
            detail = {"role": account.role, "clearance": account.clearance.label}
            audit.record(operator_name(), "user_added", name, detail, store)
            print(f"added {name}: {account.role}, cleared {account.clearance.label}")
        elif args.users_command == "passwd":
            accounts.set_password(name, read_password(), store)
            audit.record(operator_name(), "password_changed", name, path=store)
            print(f"password of {name} changed")
        elif args.users_command == "set":
            if not (args.role or args.clearance or args.language):
                raise accounts.AccountError("give --role and --clearance, or --language")
            if args.role or args.clearance:
                if not (args.role and args.clearance):
                    raise accounts.AccountError("--role and --clearance are changed together")
                accounts.set_role(name, args.role, args.clearance, store)
                detail = {"role": args.role, "clearance": args.clearance}
                audit.record(operator_name(), "role_changed", name, detail, store)
                print(f"{name}: {args.role}, cleared {args.clearance}")
            if args.language:
                accounts.set_language(name, args.language, store)
                detail = {"language": args.language}
                audit.record(operator_name(), "language_changed", name, detail, store)
                print(f"{name} reads in {args.language}")
        elif args.users_command in ("disable", "enable"):
            accounts.set_disabled(name, args.users_command == "disable", store)
            audit.record(operator_name(), f"user_{args.users_command}d", name, path=store)
            print(f"{name} {args.users_command}d")
        elif args.users_command == "unlock":
            cleared = accounts.unlock_user(name, store)
            audit.record(operator_name(), "user_unlocked", name, {"failures": cleared}, store)
            print(f"{name} unlocked ({cleared} failed sign-ins cleared)")
        elif args.users_command == "remove":
            accounts.remove_user(name, store)
            audit.record(operator_name(), "user_removed", name, path=store)
            print(f"{name} removed (the audit trail keeps its rows)")
    except (accounts.AccountError, ValueError) as error:
        print(f"users {args.users_command}: {error}", file=sys.stderr)
        return 2
    return 0


def cmd_audit_grant(args: argparse.Namespace) -> int:
    from embargo import accounts, audit

    store = accounts.access_store_path(warehouse_path(args.db) if args.db else None)
    try:
        accounts.grant_store_role(args.role, store)
    except accounts.AccountError as error:
        print(f"audit grant: {error}", file=sys.stderr)
        return 2
    audit.record(operator_name(), "store_role_granted", args.role, path=store)
    print(f"{args.role} may use the access store; it can only add rows to the audit trail")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from embargo import accounts, audit

    store = accounts.access_store_path(warehouse_path(args.db) if args.db else None)
    check = audit.verify(store)
    older = f", {check.unchained} written before the chain began" if check.unchained else ""
    if not check.intact:
        print(
            f"audit trail BROKEN at row {check.broken_at}: that row, or the one before it, was "
            f"changed or removed after it was written ({check.rows} rows{older})",
            file=sys.stderr,
        )
        return 1
    print(f"audit trail intact: {check.rows} rows{older}; last hash {check.last_hash}")
    return 0


def add_parser(commands) -> None:
    users = commands.add_parser(
        "users",
        help="manage the dashboard's accounts (kept beside the warehouse or in the catalog)",
        description="Accounts and the audit trail are kept in <warehouse>.access.sqlite beside "
        "a local warehouse, in the PostgreSQL database of a shared catalog (EMBARGO_CATALOG), "
        "or where EMBARGO_ACCESS_DB says. Passwords are read from a prompt, or from the "
        "first line of standard input when it is not a terminal; never from the command line.",
    )
    users.add_argument("--db", metavar="PATH", help="the warehouse file whose access store to use")
    user_commands = users.add_subparsers(dest="users_command", required=True)
    # --db is also accepted after the subcommand (`embargo users add NAME --db PATH`).
    db_after = argparse.ArgumentParser(add_help=False)
    db_after.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    listing = user_commands.add_parser("list", help="list the accounts", parents=[db_after])
    listing.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: aligned columns (default); json: a list of {user, role, clearance, status, "
        "created_at}",
    )
    levels = [level.label for level in Classification]
    add = user_commands.add_parser(
        "add", help="add an account (asks for the password)", parents=[db_after]
    )
    set_ = user_commands.add_parser(
        "set", help="change an account's role and clearance, or its language", parents=[db_after]
    )
    for sub in (add, set_):
        sub.add_argument("name", help="the account's user name")
        sub.add_argument(
            "--role",
            required=sub is add,
            choices=("viewer", "analyst", "admin"),
            help="viewer: sees the pages; analyst: also uploads; admin: also reads the audit trail",
        )
        sub.add_argument(
            "--clearance",
            required=sub is add,
            choices=levels,
            help="the most sensitive records the account may see",
        )
    set_.add_argument(
        "--language", choices=tuple(LANGUAGES), help="the language of the dashboard and packs"
    )
    for name, text in (
        ("passwd", "set an account's password (asks for it)"),
        ("disable", "refuse sign-in to an account, keeping it"),
        ("enable", "allow a disabled account to sign in again"),
        ("remove", "remove an account (its audit rows stay)"),
        ("unlock", "clear an account's failed sign-ins, so it may sign in again at once"),
    ):
        user_commands.add_parser(name, help=text, parents=[db_after]).add_argument(
            "name", help="the account's user name"
        )
    users.set_defaults(run=cmd_users)

    audit_trail = commands.add_parser("audit", help="check the audit trail")
    audit_commands = audit_trail.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser(
        "verify", help="recompute the chain of row hashes; non-zero if a row was changed"
    )
    verify.add_argument("--db", help="warehouse whose access store to check")
    verify.set_defaults(run=cmd_audit_verify)
    grant = audit_commands.add_parser(
        "grant",
        help="let a PostgreSQL role use the access store, adding to the audit trail only (run "
        "as the store's owner)",
    )
    grant.add_argument("role", help="the PostgreSQL role the dashboards and commands connect as")
    grant.add_argument("--db", help="warehouse whose access store to use")
    grant.set_defaults(run=cmd_audit_grant)
