"""The `ledertrivsel` command: serve the app, print the tools' documents.

    ledertrivsel serve [--host 127.0.0.1] [--port 8000]
    ledertrivsel print cards|guide|template <tool> -o FILE.pdf [--language da|en]
    ledertrivsel create-admin --email hr@example.dk --organisation "Example Municipality"
    ledertrivsel manage <django command> ...
"""

import argparse
import os
import sys
from pathlib import Path


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledertrivsel.settings")
    import django

    django.setup()


def _prepare_database():
    """Migrating also loads the tools; it does nothing when the database is current."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def serve(args) -> int:
    _setup_django()
    from django.core.management import call_command

    _prepare_database()
    call_command("collectstatic", interactive=False, verbosity=0)
    import uvicorn

    print(f"Ledertrivsel: http://{args.host}:{args.port}/  (Ctrl+C stops)", flush=True)
    # No per-message compression: pushes are small, and deflating each one for every socket
    # took 44 % of the event loop's time under the live benchmark.
    uvicorn.run(
        "ledertrivsel.asgi:application",
        host=args.host,
        port=args.port,
        log_level="warning",
        lifespan="off",
        ws_per_message_deflate=False,
    )
    return 0


def find_tool(identifier: str):
    from ledertrivsel.content.models import Tool

    tool = Tool.objects.filter(number=int(identifier)).first() if identifier.isdigit() else None
    return tool or Tool.objects.filter(slug=identifier).first()


def print_document(args) -> int:
    _setup_django()
    from django.utils import translation

    from ledertrivsel.content.models import Tool
    from ledertrivsel.printing.documents import RENDERERS

    _prepare_database()
    tool = find_tool(args.tool)
    if tool is None:
        known = ", ".join(f"{tool.number} ({tool.slug})" for tool in Tool.objects.all())
        print(f"ledertrivsel: no tool '{args.tool}'. Known tools: {known}", file=sys.stderr)
        return 2
    with translation.override(args.language):
        pdf = RENDERERS[args.document](tool)
    output = Path(args.output or pdf.filename)
    try:
        output.write_bytes(pdf.content)
    except OSError as error:
        print(f"ledertrivsel: cannot write {output}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"{output} ({len(pdf.content) // 1024} KB)")
    return 0


def create_admin(args) -> int:
    _setup_django()
    from django.core.management import CommandError, call_command

    _prepare_database()
    try:
        call_command("create_first_admin", email=args.email, organisation=args.organisation, name=args.name)
    except CommandError as error:
        print(f"ledertrivsel: {error}", file=sys.stderr)
        return 1
    return 0


def manage(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledertrivsel.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ledertrivsel manage", *args.arguments])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ledertrivsel", description="Ledertrivsel: dialogues about leaders' well-being.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve_parser = commands.add_parser("serve", help="migrate, load the tools and serve the app")
    serve_parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve_parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve_parser.set_defaults(handler=serve)

    print_parser = commands.add_parser("print", help="write a tool's cards, facilitator guide or action-plan template as PDF")
    print_parser.add_argument("document", choices=["cards", "guide", "template"])
    print_parser.add_argument("tool", help="the tool's number (1, 2, 3) or slug (organisationen, ...)")
    print_parser.add_argument("-o", "--output", help="the PDF file to write (default: a descriptive name in this folder)")
    print_parser.add_argument("--language", choices=["da", "en"], default="da")
    print_parser.set_defaults(handler=print_document)

    admin_parser = commands.add_parser(
        "create-admin", help="create the first administrator and their organisation (asks for a password)"
    )
    admin_parser.add_argument("--email", required=True)
    admin_parser.add_argument("--organisation", required=True)
    admin_parser.add_argument("--name", default="")
    admin_parser.set_defaults(handler=create_admin)

    manage_parser = commands.add_parser("manage", help="run a Django management command")
    manage_parser.add_argument("arguments", nargs=argparse.REMAINDER)
    manage_parser.set_defaults(handler=manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
