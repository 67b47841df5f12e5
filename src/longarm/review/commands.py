"""`longarm review list|show|accept|merge|reject|undo`: the candidate queue from the shell."""

from __future__ import annotations

import json

import typer

review_app = typer.Typer(help="Review candidate incidents: accept, merge, reject, undo.", no_args_is_help=True)


@review_app.command("list")
def list_command(
    status: str = typer.Option("pending", "--status", help="pending, accepted, merged, rejected or all."),
    limit: int = typer.Option(50, "--limit", min=1, max=1000),
) -> None:
    """List candidates with their best match."""
    from longarm.review import service
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        rows = service.list_candidates(session=session, status=None if status == "all" else status, limit=limit)
        for candidate in rows:
            best = candidate.matches[0] if candidate.matches else None
            match = (
                f"{best['incident_id'] or 'candidate ' + str(best['candidate_id'])} ({best['score']:.2f})"
                if best
                else "-"
            )
            title = next(
                (c.value for c in service.candidate_claims(session=session, candidate=candidate) if c.field == "title"),
                "",
            )
            typer.echo(f"{candidate.id:>6}  {candidate.status:<8}  {title[:60]:<60}  best match: {match}")
    if not rows:
        typer.echo(f"no {status} candidates")


@review_app.command("show")
def show_command(candidate_id: int = typer.Argument(...)) -> None:
    """Show a candidate's extracted values, quotes and ranked matches with reasons."""
    from longarm.review import service
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        candidate = service.get_or_raise(session=session, candidate_id=candidate_id)
        typer.echo(f"candidate {candidate.id} ({candidate.status}) from source {candidate.source_id}")
        for claim in service.candidate_claims(session=session, candidate=candidate):
            support = f'"{claim.quote}"' if claim.quote else f"({claim.note})"
            typer.echo(f"  {claim.field:<12} {json.dumps(claim.value, ensure_ascii=False)}  {support}")
        for match in candidate.matches:
            target = match["incident_id"] or f"candidate {match['candidate_id']}"
            typer.echo(f"  match {target}: {match['score']:.2f} — {'; '.join(match['reasons'])}")


@review_app.command("accept")
def accept_command(candidate_id: int = typer.Argument(...)) -> None:
    """Accept a candidate as a new incident."""
    from longarm.auth.permissions import operator
    from longarm.review import service
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        incident = service.accept(session=session, candidate_id=candidate_id, principal=operator())
        typer.echo(f"candidate {candidate_id} accepted as incident {incident.id}")


@review_app.command("merge")
def merge_command(candidate_id: int = typer.Argument(...), incident_id: str = typer.Argument(...)) -> None:
    """Merge a candidate into an existing incident (its claims join the incident's)."""
    from longarm.auth.permissions import operator
    from longarm.review import service
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        incident = service.merge(
            session=session, candidate_id=candidate_id, incident_id=incident_id, principal=operator()
        )
        typer.echo(f"candidate {candidate_id} merged into incident {incident.id}")


@review_app.command("reject")
def reject_command(
    candidate_id: int = typer.Argument(...),
    reason: str = typer.Option(..., "--reason", help="Why it is rejected."),
) -> None:
    """Reject a candidate with a reason."""
    from longarm.auth.permissions import operator
    from longarm.review import service
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        service.reject(session=session, candidate_id=candidate_id, principal=operator(), reason=reason)
        typer.echo(f"candidate {candidate_id} rejected")


@review_app.command("undo")
def undo_command(candidate_id: int = typer.Argument(...)) -> None:
    """Undo the decision on a candidate and put it back in the queue."""
    from longarm.auth.permissions import operator
    from longarm.review import service
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        service.undo(session=session, candidate_id=candidate_id, principal=operator())
        typer.echo(f"candidate {candidate_id} is pending again")


def register(app: typer.Typer) -> None:
    """Add the `review` group to the CLI."""
    app.add_typer(review_app, name="review")
