"""`longarm review list|show|accept|merge|reject|undo`: the candidate queue from the shell."""

from __future__ import annotations

import json

import typer

review_app = typer.Typer(
    help="Review candidate incidents cluster by cluster: accept, merge, split, reject, undo.", no_args_is_help=True
)


@review_app.command("list")
def list_command(
    status: str = typer.Option("pending", "--status", help="pending, accepted, merged, rejected or all."),
    limit: int = typer.Option(50, "--limit", min=1, max=1000),
) -> None:
    """List the queue: one proposed incident per item with its candidates (or decided candidates with --status)."""
    from longarm.review import service
    from longarm.review.queue import pending_items
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        if status == "pending":
            items = pending_items(session=session)[:limit]
            for item in items:
                chance = f"p {item.probability:.2f}" if item.probability is not None else "alone"
                typer.echo(f"item of {len(item.candidates)} ({chance}): {item.proposal}")
                for candidate in item.candidates:
                    typer.echo(
                        f"  {candidate.id:>6}  {service.candidate_title(session=session, candidate=candidate)[:70]}"
                    )
            if not items:
                typer.echo("no pending candidates")
            return
        rows = service.list_candidates(session=session, status=None if status == "all" else status, limit=limit)
        for candidate in rows:
            title = service.candidate_title(session=session, candidate=candidate)
            typer.echo(f"{candidate.id:>6}  {candidate.status:<8}  {title[:60]:<60}")
        if not rows:
            typer.echo(f"no {status} candidates")


@review_app.command("show")
def show_command(candidate_id: int = typer.Argument(...)) -> None:
    """Show a candidate's values and quotes, its cluster, and its ranked matches with probabilities and reasons."""
    from longarm.review import service
    from longarm.review.queue import item_of
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        candidate = service.get_or_raise(session=session, candidate_id=candidate_id)
        typer.echo(f"candidate {candidate.id} ({candidate.status}) from source {candidate.source_id}")
        for claim in service.candidate_claims(session=session, candidate=candidate):
            support = f'"{claim.quote}"' if claim.quote else f"({claim.note})"
            typer.echo(f"  {claim.field:<12} {json.dumps(claim.value, ensure_ascii=False)}  {support}")
        item = item_of(session=session, candidate=candidate)
        if item is not None:
            others = [str(c.id) for c in item.candidates if c.id != candidate.id]
            typer.echo(f"  cluster: {item.proposal}" + (f", with candidates {', '.join(others)}" if others else ""))
        for match in candidate.ranked:
            target = match.incident_id or f"candidate {match.candidate_id}"
            kind = "certain" if match.certain else "possible" if match.possible else "unlikely"
            typer.echo(f"  match {target}: p {match.score:.2f} ({kind}) — {'; '.join(match.reasons)}")


@review_app.command("accept")
def accept_command(candidate_id: int = typer.Argument(...)) -> None:
    """Accept the candidate's cluster as proposed: a new incident, or into the one incident it matches."""
    from longarm.auth.permissions import operator
    from longarm.review import service
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        incident = service.accept_cluster(session=session, candidate_id=candidate_id, principal=operator())
        typer.echo(f"candidate {candidate_id} and its cluster are incident {incident.id}")


@review_app.command("merge")
def merge_command(candidate_id: int = typer.Argument(...), incident_id: str = typer.Argument(...)) -> None:
    """Merge a candidate and its cluster into an existing incident (their claims join the incident's)."""
    from longarm.auth.permissions import operator
    from longarm.review import service
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        incident = service.merge_cluster(
            session=session, candidate_id=candidate_id, incident_id=incident_id, principal=operator()
        )
        typer.echo(f"candidate {candidate_id} and its cluster merged into incident {incident.id}")


@review_app.command("split")
def split_command(candidate_id: int = typer.Argument(...)) -> None:
    """Take a candidate out of its cluster, to decide it on its own (undo puts it back)."""
    from longarm.auth.permissions import operator
    from longarm.review import service
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        service.split(session=session, candidate_id=candidate_id, principal=operator())
        typer.echo(f"candidate {candidate_id} is on its own")


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
    """Undo the decision on a candidate and put it back in the queue (or a split one back in its cluster)."""
    from longarm.auth.permissions import operator
    from longarm.review import service
    from longarm.storage.database import configured_transaction

    with configured_transaction() as session:
        service.undo(session=session, candidate_id=candidate_id, principal=operator())
        typer.echo(f"candidate {candidate_id} is pending again")


def register(app: typer.Typer) -> None:
    """Add the `review` group to the CLI."""
    app.add_typer(review_app, name="review")
