"""
Example program for a single-window system (a partner system that reports e-commerce data to customs):

1. lists the seizure cases it may read, page by page with cursors (optionally of one reporting agency);
2. submits orders, payments and shipments in bulk (``POST /import/<kind>`` with the file as it is), polls each
   import job until it is done and reads its report.json;
3. looks up every accepted record again by its own reference (platform and order number, provider and
   transaction id, carrier and tracking number) and checks it is the record the report named.

Configuration comes from the environment: ``CIX_URL`` (the gateway's GraphQL endpoint, default
http://localhost:4000/graphql), ``CIX_TOKEN`` (the bearer token), ``CIX_PURPOSE`` (``x-cix-purpose``, needed to
read import reports), ``CIX_AGENCY`` (the agency whose references are looked up; default: the token's ``agency``).
The result is one JSON document on stdout; progress goes to stderr; an error is one line and exit code 1.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
from pathlib import Path
from typing import Any

import httpx

from . import CixClient, CixError

SEIZURES_PAGE = """query SeizuresPage($first: Int!, $after: String, $filter: SeizureFilter) {
  seizures(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    nodes { id caseNumber reportingAgency seizedAt commodity reviewStatus }
  }
}"""

# Per import kind: the lookup by the natural key the import report gives for each accepted row.
LOOKUPS: dict[str, tuple[str, str]] = {
    "orders": (
        "orderByNumber",
        """query OrderByNumber($agency: String!, $platform: String!, $orderNumber: String!) {
  orderByNumber(agency: $agency, platform: $platform, orderNumber: $orderNumber) { id platform orderNumber }
}""",
    ),
    "payments": (
        "paymentByTransaction",
        """query PaymentByTransaction($agency: String!, $provider: String!, $transactionId: String!) {
  paymentByTransaction(agency: $agency, provider: $provider, transactionId: $transactionId) { id provider transactionId }
}""",
    ),
    "shipments": (
        "shipmentByTracking",
        """query ShipmentByTracking($agency: String!, $carrier: String!, $trackingNumber: String!) {
  shipmentByTracking(agency: $agency, carrier: $carrier, trackingNumber: $trackingNumber) { id carrier trackingNumber }
}""",
    ),
}

CONTENT_TYPES = {
    ".csv": "text/csv",
    ".ndjson": "application/x-ndjson",
    ".jsonl": "application/x-ndjson",
    ".json": "application/json",
    ".xml": "application/xml",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def list_seizures(client: CixClient, page_size: int, reporting_agency: str | None) -> dict[str, Any]:
    filter_ = {"reportingAgency": reporting_agency} if reporting_agency else None
    pages = 0
    case_numbers: list[str] = []
    for nodes in client.pages(SEIZURES_PAGE, {"filter": filter_}, "seizures", page_size):
        pages += 1
        case_numbers.extend(node["caseNumber"] for node in nodes)
        log(f"seizures: page {pages}, {len(nodes)} cases")
    return {"pages": pages, "count": len(case_numbers), "caseNumbers": case_numbers}


def submit(client: CixClient, kind: str, file: Path) -> dict[str, Any]:
    content_type = CONTENT_TYPES.get(file.suffix.lower())
    if content_type is None:
        raise ValueError(f"{file}: unknown file type (expected one of {', '.join(CONTENT_TYPES)})")
    started = client.start_import(kind, file.read_bytes(), content_type)
    log(f"{kind}: job {started['jobId']} started")
    job = client.wait_for_import(started["jobId"])
    log(f"{kind}: job {job['id']} {job['status']}: {job['accepted']} accepted, {job['rejected']} rejected")
    report = client.import_report(job["id"])
    return {
        "kind": kind,
        "jobId": job["id"],
        "status": job["status"],
        "totalRows": job["totalRows"],
        "accepted": job["accepted"],
        "rejected": job["rejected"],
        "errors": [{k: e[k] for k in ("row", "field", "code")} for e in report["errors"]],
        "acceptedRows": report["accepted"],
    }


def look_up(client: CixClient, agency: str, kind: str, accepted: dict[str, Any]) -> dict[str, Any]:
    field, query = LOOKUPS[kind]
    found = client.execute(query, {"agency": agency, **accepted["key"]})[field]
    return {"kind": kind, "key": accepted["key"], "id": found["id"] if found else None, "matchesReport": bool(found) and found["id"] == accepted["id"]}


def token_agency(token: str) -> str | None:
    """The `agency` claim of a JWT, read without verifying it (the hub verifies it; this only picks a default)."""
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))).get("agency")
    except (IndexError, ValueError):
        return None


def log(message: str) -> None:
    print(message, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cix-single-window", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--page-size", type=int, default=100, help="seizures per page (default 100)")
    parser.add_argument("--reporting-agency", help="list only this agency's seizures")
    for kind in ("orders", "payments", "shipments"):
        parser.add_argument(f"--{kind}", type=Path, help=f"a file of {kind} to submit (.csv, .ndjson, .json, .xml, .xlsx)")
    args = parser.parse_args(argv)

    token = os.environ.get("CIX_TOKEN")
    if not token:
        parser.error("CIX_TOKEN is not set")
    url = os.environ.get("CIX_URL", "http://localhost:4000/graphql")
    agency = os.environ.get("CIX_AGENCY") or token_agency(token)
    try:
        with CixClient(url, token, os.environ.get("CIX_PURPOSE")) as client:
            result: dict[str, Any] = {"seizures": list_seizures(client, args.page_size, args.reporting_agency), "imports": [], "lookups": []}
            # Orders first: payments and shipments may name the order they belong to.
            for kind in ("orders", "payments", "shipments"):
                file = getattr(args, kind)
                if file is None:
                    continue
                submitted = submit(client, kind, file)
                result["imports"].append({k: v for k, v in submitted.items() if k != "acceptedRows"})
                if agency:
                    result["lookups"].extend(look_up(client, agency, kind, row) for row in submitted["acceptedRows"])
    except (CixError, httpx.HTTPError, OSError, ValueError, TimeoutError) as error:
        print(f"cix-single-window: {error}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
