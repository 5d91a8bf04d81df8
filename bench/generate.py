#!/usr/bin/env python3
"""Generate a synthetic, realistic incident-writing repository for benchmarks.

    python3 bench/generate.py OUT_DIR [--docs 10000] [--seed 1]

Writes --docs Markdown files under OUT_DIR:

* about 80% postmortems in postmortems/YYYY/YYYY-MM-DD-slug.md: metadata,
  summary, impact, a timeline of timestamped list items (sometimes a table),
  root cause and contributing factors (with code spans, log excerpts and config
  diffs), action items with owners and dates (some missing, some tracked in an
  issue tracker, some in a table), lessons learned, sometimes a "broader lessons
  for the wider org" section, usually a "Should this generate a learning
  review?" answer;
* about 20% learning reviews in learning-reviews/YYYY-MM-slug.md: front matter
  (type, date, authors, postmortems, audience, distribution -- sometimes vague,
  TBD or missing), the three sections (what we used to believe, what we now
  believe, where else this applies), sometimes only a recap of the incident.

The output is a pure function of (--docs, --seed, --learning-ratio): the same
arguments give byte-identical files.  Only the Python standard library is used.
Sizes vary (a long tail of very long postmortems): postmortems average 4.8 KB,
learning reviews 1.9 KB, so 10,000 documents are about 42 MB.
"""

import argparse
import datetime as dt
import os
import random
import sys

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

TEAMS = [
    "Payments", "Ledger", "Search", "Catalog", "Checkout", "Pricing", "Notifications",
    "Identity", "Orders", "Inventory", "Fulfilment", "Storefront", "Mobile", "Data Platform",
    "Developer Platform", "Observability", "Networking", "Storage", "Billing", "Messaging",
    "Recommendations", "Fraud", "Growth", "Partner Integrations", "Support Tools", "Maps",
    "Media", "Edge", "Compute", "Security Engineering",
]

SERVICES = [
    "payments-api", "ledger-writer", "search-indexer", "catalog-service", "checkout-gateway",
    "pricing-service", "notify-worker", "auth-service", "orders-api", "inventory-sync",
    "fulfilment-router", "storefront-web", "mobile-bff", "event-pipeline", "build-runner",
    "metrics-ingest", "edge-proxy", "blob-store", "billing-batch", "chat-relay",
    "recs-ranker", "fraud-scorer", "email-sender", "partner-gateway", "ticket-sync",
    "geo-tiles", "image-resizer", "session-store", "scheduler", "feature-flags",
]

DATASTORES = [
    "Postgres", "MySQL", "Redis", "Cassandra", "Kafka", "Elasticsearch", "DynamoDB",
    "RabbitMQ", "etcd", "ZooKeeper", "S3", "Memcached", "ClickHouse", "MongoDB",
]

REGIONS = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1",
           "ap-northeast-1", "sa-east-1"]

PEOPLE = [
    "amara", "kenji", "fatima", "oscar", "priya", "jonas", "nadia", "rui", "li.wei", "sofia",
    "mateo", "chloé", "ahmed", "ingrid", "tomasz", "yuki", "carlos", "aisha", "björn", "emeka",
    "hana", "luca", "maria", "dmitri", "zoe", "ravi", "elena", "kwame", "noor", "pablo",
    "sven", "grace", "olu", "mei", "tariq", "anya", "felix", "leila", "jakub", "siobhan",
]

TRACKERS = ["PLAT", "PAY", "OPS", "SRE", "INFRA", "CAT", "SEARCH", "NOTIF", "ID", "DATA"]

CHANNELS = [
    "#eng-learning", "#incident-reviews", "#sre", "#platform-announce", "#eng-all",
    "the engineering newsletter", "the monthly engineering newsletter", "the all-hands deck",
    "the Thursday ops review", "the Confluence Engineering space", "the SRE guild",
    "the reliability digest", "a brown-bag session", "eng-announce@example.com",
]

VAGUE_AUDIENCES = [
    "everyone", "other teams", "all engineers", "Everyone in engineering", "all teams",
    "the whole company", "anyone interested",
]

SEVERITIES = ["SEV1", "SEV2", "SEV2", "SEV3", "SEV3", "SEV3", "SEV4"]
STATUSES = ["Closed", "Action items in progress", "Draft", "In review", "Closed",
            "Action items in progress"]

# --------------------------------------------------------------------------
# Incident scenarios.  Strings are str.format templates over the context built
# in make_context(): service, team, store, region, person..., n, pct, ...
# --------------------------------------------------------------------------

SCENARIOS = [
    dict(
        slug="cache-stampede",
        titles=["{Store} cache stampede after a cache-key change in {service}",
                "{service} outage: cache misses overloaded {db}",
                "Cache stampede on {service} after release {version}"],
        store="Redis",
        summary=("The {service} release {version} changed the cache key prefix from `{key_old}` to `{key_new}`. "
                 "Every key changed at once, which emptied the cache as far as the service was concerned, "
                 "and about {rps} reads per second fell through to {db}. The database connection pool "
                 "saturated within a minute and {pct}% of requests failed for {dur} minutes."),
        trigger="release {version} begins rolling out to all {pods} pods at once",
        symptom="cache hit ratio drops from 97% to {small}%",
        cause=("The cache had no protection against many concurrent misses for the same key. When the "
               "prefix changed, every pod missed on every entry at the same moment and each miss went "
               "straight to {db}. Popular entries were fetched hundreds of times in parallel."),
        factors=["**No request coalescing.** The cache client has no single-flight behaviour; concurrent misses for one key all query the database.",
                 "**Uniform TTLs.** All entries use a {ttl} s TTL without jitter, so even ordinary expiry is bursty.",
                 "**All-at-once rollout.** The deploy strategy replaced all pods in under two minutes; a canary would have shown the hit-ratio drop on a few pods first.",
                 "**Readiness depends on {db}.** During rollback, old pods could not become ready while the database was saturated."],
        actions=["Add single-flight request coalescing around {service} cache misses",
                 "Add ±20% jitter to cache entry TTLs",
                 "Alert when the {service} cache hit ratio drops below 80% for 2 minutes",
                 "Remove the {db} query from the {service} readiness check",
                 "Warm the new key space before shipping a key-prefix change",
                 "Make canary the default deploy strategy for {service}"],
        used="A change to cache keys is a cache-only change: low risk, safe to roll out at once, and easy to roll back.",
        now="Changing every cache key is a full cache flush. The database behind the cache must survive the miss rate of an empty cache, or the change needs warming, coalescing and a staged rollout.",
        applies="Teams that put a cache in front of a database that cannot serve the uncached read rate: today that includes {team2} and {team3}.",
        lr_title="A cache-key change is a cache flush",
    ),
    dict(
        slug="migration-slowdown",
        titles=["{table} table migration slowed {service}",
                "Schema migration on {table} ran {hours} hours and degraded {service}",
                "{service} latency during an online migration of {table}"],
        store="MySQL",
        summary=("An online schema migration on the {rows}M-row `{table}` table ran for {hours} hours instead "
                 "of the {est} minutes it took on staging. The row copy competed with production writes and "
                 "p95 latency of {service} rose to {lat} s for most of that time."),
        trigger="migration `{mig}` started on the `{table}` table with gh-ost",
        symptom="replication lag on the read replicas reaches {lag} s",
        cause=("The migration tool throttled on the backup replica only. The two replicas serving customer reads "
               "were not in its list, so it kept copying rows at full speed while they fell behind, and "
               "{service} fell back to the primary."),
        factors=["**Staging timing.** The {est}-minute estimate came from staging, which has a tenth of the rows and no concurrent writes.",
                 "**No duration budget.** Nothing alerted when the migration overran its estimate.",
                 "**Business hours.** The migration was started at 14:00 local time, near the daily peak.",
                 "**Replica list out of date.** The throttle configuration predates the two new read replicas."],
        actions=["Add the customer-facing replicas to the migration tool's throttle list",
                 "Alert when a migration runs 2× over its estimate",
                 "Estimate migration duration from production row counts",
                 "Book a low-traffic window for migrations over 30 minutes",
                 "Document how to pause gh-ost in the runbook"],
        used="Online migration tools make schema changes safe to run at any time of day.",
        now="Online tools make migrations possible without downtime, not cheap. Migrations expected to run longer than 30 minutes need a scheduled low-traffic window and a duration budget.",
        applies="Teams running online schema migrations on tables over 50M rows, such as {team2} and {team3}, and the Developer Platform team, who own the shared migration runner.",
        lr_title="Online migrations on large tables need a window",
    ),
    dict(
        slug="cert-expiry",
        titles=["Expired TLS certificate on {service}",
                "{service} TLS certificate expiry broke partner traffic",
                "Certificate expiry on the {service} load balancer"],
        store="S3",
        summary=("The TLS certificate for `{host}` expired at {hh}:{mm} UTC. Clients that pin the intermediate "
                 "refused every connection, and {pct}% of partner calls failed for {dur} minutes until a new "
                 "certificate was issued and deployed by hand."),
        trigger="certificate for `{host}` expires",
        symptom="TLS handshake failures from partner clients jump to {n} per second",
        cause=("The certificate was issued by hand in {year_old} and was never added to the automated renewal "
               "job, which only covers certificates it issued itself. The expiry reminder went to the mailbox "
               "of an engineer who had left the company."),
        factors=["**Manual issuance.** The certificate predates automated renewal and was never migrated.",
                 "**Reminder to a departed owner.** Expiry notices went to a personal address.",
                 "**No expiry monitoring.** We monitor certificates on public endpoints, not on partner endpoints.",
                 "**Runbook gap.** The manual issuance steps were last tested two years ago."],
        actions=["Move `{host}` to automated certificate renewal",
                 "Alert 30, 14 and 3 days before any certificate we serve expires",
                 "Send certificate notices to the team alias, not to people",
                 "Inventory every certificate served by {team}",
                 "Rehearse the manual issuance runbook once a quarter"],
        used="Certificates are renewed automatically, so expiry is a solved problem.",
        now="Automation only covers what it knows about. Every certificate needs an owner that is a team, and expiry monitoring must be based on what we serve, not on what we issued.",
        applies="Any team that serves TLS on an endpoint outside the main ingress: {team2}, {team3} and the Edge team in particular.",
        lr_title="Automated renewal only covers what it knows about",
    ),
    dict(
        slug="config-push",
        titles=["Rate-limit config push throttled {service}",
                "Bad configuration push to {service} in all regions",
                "{service} rejected requests after a config typo"],
        store="etcd",
        summary=("A change to the {service} configuration set `{key}` to `{bad}` instead of `{good}`. The value was "
                 "pushed to all regions at once, and {service} rejected {pct}% of requests until the change "
                 "was reverted {dur} minutes later."),
        trigger="configuration change pushed to all regions",
        symptom="HTTP 429 responses jump from ~0 to {n} per second",
        cause=("The root cause was a typo in a configuration value. The interesting part is why the typo reached "
               "every region: the namespace had opted out of staged rollout, and the schema only checked that "
               "the value was a positive integer."),
        factors=["**No bounds on the value.** A {ratio}× drop passed validation.",
                 "**The namespace skipped staged rollout.** It opted out when it only held limits for batch jobs.",
                 "**The review view hid context.** The reviewer saw one changed line with no unit.",
                 "**Reverts needed approval.** {wait} of the {dur} minutes were spent waiting for a reviewer."],
        actions=["Add a maximum relative change (±50%) to `{key}`",
                 "Turn on staged rollout for the {service} namespace",
                 "Allow one-click reverts of the last push without review",
                 "Show old and new values side by side in the review view"],
        used="Configuration changes are safer than code changes because they are small and easy to revert.",
        now="A configuration push is a deploy. It needs the same staged rollout, bounds and fast revert as code, and a namespace's risk label must be reviewed when its contents change.",
        applies="Teams that push runtime configuration through the shared config service without staged rollout: {team2}, {team3}.",
        lr_title="A configuration push is a deploy",
    ),
    dict(
        slug="queue-backlog",
        titles=["{service} queue backlog delayed customer emails",
                "Poison messages stalled {service} consumers",
                "{queue} backlog: messages delayed up to {hours} hours"],
        store="RabbitMQ",
        summary=("A few hundred unusually large messages made {service} consumers time out and retry forever. "
                 "The `{queue}` queue stayed below its depth alert, but the oldest message grew to {hours} hours "
                 "old before anyone noticed."),
        trigger="batch of {n} oversized messages published to `{queue}`",
        symptom="consumer throughput drops from {rps} to {small} messages per second",
        cause=("Consumers had no retry limit and no dead-letter queue. A message that could never succeed was "
               "retried forever, and a handful of them took all of the consumer pool's time."),
        factors=["**Unlimited retries.** Every failure went back to the head of the queue.",
                 "**Depth-only alerting.** The depth alert fires at {big} messages; depth never got there.",
                 "**Timeouts shorter than the work.** The {timeout} s consumer timeout was set when messages were small."],
        actions=["Add a retry limit and a dead-letter queue to `{queue}`",
                 "Alert on the age of the oldest message, not on depth",
                 "Reject messages over 1 MB at publish time",
                 "Add a replay tool for the dead-letter queue"],
        used="A queue is healthy as long as its depth stays under a threshold, and retrying a failed message is always safe.",
        now="Depth tells you how much work is waiting, not whether it is moving: alert on the age of the oldest message. Unlimited retries are not safe: every consumer needs a retry limit and a dead-letter queue.",
        applies="Teams that run queue consumers with depth-based alerts: {team2} and {team3} today.",
        lr_title="Queue depth is not a health signal",
    ),
    dict(
        slug="dns-ttl",
        titles=["DNS change made {service} unreachable",
                "{service} unreachable after a DNS record change",
                "Stale DNS answers after moving {service} to {region}"],
        store="S3",
        summary=("We moved `{host}` to a new load balancer in {region} and deleted the old one {dur} minutes "
                 "later. The record had a {ttl}-second TTL, and resolvers that ignore lower TTLs kept sending "
                 "{pct}% of clients to an address that no longer answered."),
        trigger="old load balancer for `{host}` deleted",
        symptom="connection timeouts from mobile clients rise to {n} per minute",
        cause=("The record's TTL had been lowered only an hour before the change, so many resolvers still held "
               "the old answer with the old {ttl}-second TTL. The old load balancer was deleted before the "
               "old TTL had passed."),
        factors=["**TTL lowered too late.** The runbook says a day in advance; we did it an hour ahead.",
                 "**Deleting instead of draining.** The old endpoint could have stayed up for a day.",
                 "**No synthetic checks from outside.** All our probes use the internal resolver."],
        actions=["Keep old endpoints serving for 2× the previous TTL after a DNS move",
                 "Add external synthetic checks for `{host}`",
                 "Put the TTL step in the migration checklist with a timer"],
        used="Lowering a TTL takes effect right away.",
        now="A TTL change takes effect only after the old TTL has expired everywhere, and some resolvers hold answers longer than that. Old endpoints must keep serving until then.",
        applies="Teams that move endpoints between load balancers or providers: {team2}, {team3}, Networking.",
        lr_title="DNS moves finish when the old TTL expires, not when you change it",
    ),
    dict(
        slug="disk-full",
        titles=["Log volume filled the disk on {service} hosts",
                "{service} stopped writing after /var filled up",
                "Disk full on {db} primary"],
        store="Postgres",
        summary=("Debug logging left on after an investigation filled `/var` on the {service} hosts in {hours} "
                 "hours. Once the disk was full, {db} could not write its WAL and {service} returned errors for "
                 "{dur} minutes."),
        trigger="debug logging enabled on {service} for an investigation",
        symptom="free space on `/var` below 5% on {n} hosts",
        cause=("Logs and database files share one volume. Log rotation runs daily and keeps seven files, which "
               "is fine at info level and nowhere near enough at debug level."),
        factors=["**Shared volume.** Logs could starve the database of space.",
                 "**No expiry on debug logging.** The flag stays on until someone turns it off.",
                 "**Disk alert at 95%.** At debug volume that left {small} minutes to react."],
        actions=["Move logs to their own volume on {service} hosts",
                 "Make debug logging expire after 4 hours",
                 "Alert on the rate of disk growth, not only on the level",
                 "Rotate logs by size as well as by age"],
        used="Disk alerts at a fixed percentage give us enough warning.",
        now="What matters is time to full, not percent full. Alert on the growth rate, and keep anything that can grow fast off the volumes that must not fill.",
        applies="Teams running databases or brokers on hosts that also keep logs: {team2} and {team3}.",
        lr_title="Alert on time to full, not percent full",
    ),
    dict(
        slug="pool-exhaustion",
        titles=["Connection pool exhaustion in {service} after deploy",
                "{service} ran out of {db} connections",
                "{db} connection limit reached after scaling {service}"],
        store="Postgres",
        summary=("Autoscaling added {pods} {service} pods during a traffic peak. Each pod opens a pool of {pool} "
                 "connections, and together they exceeded {db}'s `max_connections`. New pods could not connect, "
                 "and {pct}% of requests failed for {dur} minutes."),
        trigger="autoscaler scales {service} from {small} to {pods} pods",
        symptom="`FATAL: sorry, too many clients already` in {db} logs",
        cause=("Nobody owned the sum of pool sizes. Each team sized its pool for its own pods, and the autoscaler's "
               "maximum had been raised twice since the database limit was last checked."),
        factors=["**No connection pooler.** Every pod talks to {db} directly.",
                 "**Autoscaler maximum raised without a capacity check.**",
                 "**Pool size set per pod, not per service.**"],
        actions=["Put PgBouncer in front of {db}",
                 "Check the sum of maximum pool sizes in CI against `max_connections`",
                 "Lower the per-pod pool size for {service} from {pool} to 10"],
        used="Scaling out a stateless service is always safe.",
        now="Scaling out a stateless service multiplies its load on every stateful thing it talks to. Autoscaler limits must be checked against the limits of the dependencies.",
        applies="Teams whose services autoscale in front of a shared database: {team2}, {team3}.",
        lr_title="Scaling out multiplies load on stateful dependencies",
    ),
    dict(
        slug="retry-storm",
        titles=["Retry storm from {service} overloaded {dep}",
                "{dep} outage amplified by client retries",
                "Thundering herd on {dep} after a brief blip"],
        store="Kafka",
        summary=("{dep} had a {small}-second blip during a deploy. Clients in {service} retried immediately, "
                 "three times each, with no backoff, and the retries kept {dep} overloaded for {dur} minutes "
                 "after the original cause was gone."),
        trigger="{dep} deploy restarts half of its pods",
        symptom="request rate to {dep} rises to {ratio}× normal",
        cause=("Every client layer retried: the mobile app, the BFF and {service} each retried three times, "
               "so one failed user request became up to 27 requests to {dep}."),
        factors=["**Retries at every layer.** Each layer added its own retries without knowing about the others.",
                 "**No backoff or jitter.** Retries came in synchronised waves.",
                 "**No retry budget.** Nothing limited retries as a share of traffic."],
        actions=["Retry only at the outermost layer for {dep} calls",
                 "Add exponential backoff with full jitter to the {service} client",
                 "Add a retry budget of 10% to the shared HTTP client",
                 "Load-test {dep} at 3× normal with cold caches"],
        used="Retries make a system more reliable.",
        now="Retries make a system more reliable only when failures are rare and independent. During an overload, retries are the overload. Retry at one layer, with backoff, jitter and a budget.",
        applies="Every team that owns a client of another service through the shared HTTP library, especially {team2} and {team3}.",
        lr_title="During an overload, retries are the overload",
    ),
    dict(
        slug="feature-flag",
        titles=["Feature flag rolled out to 100% broke {service}",
                "{flag} flag enabled for all users by mistake",
                "{service} errors after the {flag} flag was turned on"],
        store="DynamoDB",
        summary=("The `{flag}` flag was meant to go from 1% to 5% of users. A typo in the targeting rule turned it "
                 "on for everyone, and an untested code path in {service} failed for {pct}% of sessions for "
                 "{dur} minutes."),
        trigger="`{flag}` targeting rule changed",
        symptom="{service} error rate rises to {pct}%",
        cause=("The new code path called {dep} with a payload it did not accept. It had only run for internal "
               "users, whose accounts all have the optional field that the payload lacked."),
        factors=["**Percent rollouts typed by hand.**",
                 "**Internal users are not representative.** Every employee account has the optional field set.",
                 "**Flag changes are not linked to alerts.** The on-call did not know a flag had changed."],
        actions=["Use a slider with confirmation for percentage rollouts",
                 "Post every flag change to the owning team's incident channel",
                 "Add a test account without optional fields to the canary cohort",
                 "Auto-disable flags when error rate doubles after a change"],
        used="A feature flag makes a release safe, because it can be turned off.",
        now="A flag is only as safe as its rollout process. Flag changes are deploys: they need staged rollout, alerting tied to the change, and a cohort that looks like real users.",
        applies="Teams using the feature-flag service for percentage rollouts: {team2}, {team3}, Mobile.",
        lr_title="A feature flag change is a deploy",
    ),
    dict(
        slug="memory-leak",
        titles=["Memory leak in {service} caused repeated OOM kills",
                "{service} pods OOM-killed every {hours} hours",
                "Slow memory leak in {service} after upgrading {lib}"],
        store="Memcached",
        summary=("After upgrading `{lib}` to {version}, {service} leaked about {n} MB per hour. Pods were "
                 "OOM-killed in waves, and because they all started together they all died together: "
                 "{pct}% of requests failed for {dur} minutes during the worst wave."),
        trigger="{service} pods start being OOM-killed",
        symptom="restart count on {service} pods climbs to {small}",
        cause=("The new `{lib}` version keeps a per-connection buffer that is never released for long-lived "
               "connections. Our load tests run for ten minutes, which is not long enough to see it."),
        factors=["**Synchronised restarts.** Pods deployed together leak at the same rate and die together.",
                 "**Short load tests.** Ten-minute tests cannot find slow leaks.",
                 "**No memory trend alert.** We alert on OOM kills, not on growth."],
        actions=["Pin `{lib}` to the previous version until the fix is released",
                 "Add a 12-hour soak test to the release pipeline for {service}",
                 "Alert on memory growth per pod over 6 hours",
                 "Stagger pod restarts with a random max-age"],
        used="Load tests tell us whether a release is safe.",
        now="Short load tests find throughput problems, not slow leaks. Soak tests and memory trend alerts are needed for anything long-lived.",
        applies="Teams running long-lived services on the JVM or Go with shared client libraries: {team2} and {team3}.",
        lr_title="Short load tests don't find slow leaks",
    ),
    dict(
        slug="credential-rotation",
        titles=["Secret rotation broke {service} authentication to {db}",
                "{service} lost access to {db} after credential rotation",
                "Expired API key for {dep} stopped {service}"],
        store="MongoDB",
        summary=("The quarterly rotation of the {db} password for {service} updated the secret store, but "
                 "{service} only reads secrets at start-up. When the old password was revoked {hours} hours later, "
                 "every running pod lost its connection, and {pct}% of requests failed for {dur} minutes."),
        trigger="old {db} credential revoked by the rotation job",
        symptom="authentication failures from {service} to {db}",
        cause=("The rotation job assumes every consumer reloads secrets within an hour. {service} reads them once "
               "at start-up and had been running for nine days."),
        factors=["**Undocumented assumption in the rotation job.**",
                 "**No overlap window.** The old credential was revoked without checking whether it was still used.",
                 "**Long-running pods.** {service} is rarely redeployed."],
        actions=["Reload {db} credentials in {service} on change",
                 "Revoke old credentials only after their last use is a day old",
                 "Report credential age per consumer in the secrets dashboard"],
        used="Rotating a secret in the secret store rotates it everywhere.",
        now="Rotating a secret is a distributed change: every consumer must pick up the new value before the old one is revoked, and we need to see who still uses the old one.",
        applies="Teams whose services read secrets only at start-up, and the Security Engineering team, who run the rotation job.",
        lr_title="Rotating a secret is a distributed change",
    ),
    dict(
        slug="failover",
        titles=["Region failover from {region} did not work",
                "{service} failover to {region2} failed during the {region} outage",
                "Failed regional failover for {service}"],
        store="Cassandra",
        summary=("During a network partition in {region}, we tried to fail {service} over to {region2}. The "
                 "standby could not take traffic because its capacity had been scaled down to save cost and its "
                 "DNS weights were managed by a script nobody had run in a year. {service} was degraded for "
                 "{dur} minutes."),
        trigger="network partition isolates two availability zones in {region}",
        symptom="{service} error rate in {region} reaches {pct}%",
        cause=("The failover plan was written for a standby with full capacity. Six months ago the standby was "
               "scaled to 20% as a cost saving, and the plan was not updated."),
        factors=["**Untested failover.** The last game day was fourteen months ago.",
                 "**Cost change without a reliability review.**",
                 "**Manual DNS script.** The script needed credentials that had expired."],
        actions=["Run a failover game day for {service} every quarter",
                 "Keep standby capacity at 60% with autoscaling headroom",
                 "Replace the DNS weight script with the traffic manager",
                 "Review failover plans when standby capacity changes"],
        used="We have a standby region, so a regional outage is covered.",
        now="A failover plan that is not exercised does not exist. Standby capacity, credentials and tooling drift, and only regular game days find the drift.",
        applies="Teams with active-passive deployments across regions: {team2}, {team3}, Storage.",
        lr_title="An untested failover plan does not exist",
    ),
    dict(
        slug="third-party",
        titles=["{vendor} outage stopped {service}",
                "Checkout failures during the {vendor} incident",
                "{service} had no fallback when {vendor} degraded"],
        store="Postgres",
        summary=("{vendor} had a partial outage for {dur} minutes. {service} waited for each call to time out after "
                 "{timeout} seconds, exhausted its worker threads, and stopped serving requests that did not need "
                 "{vendor} at all."),
        trigger="{vendor} status page reports elevated errors",
        symptom="{service} worker threads all busy; p99 latency {lat} s",
        cause=("Calls to {vendor} shared a thread pool with everything else in {service}, and the timeout was set "
               "to the vendor's documented worst case, not to what our users would tolerate."),
        factors=["**No bulkhead.** One slow dependency took every thread.",
                 "**Timeout too long.** {timeout} s is longer than any user waits.",
                 "**No circuit breaker.**"],
        actions=["Give {vendor} calls their own bounded pool in {service}",
                 "Lower the {vendor} timeout to 2 s with one retry",
                 "Add a circuit breaker and a degraded mode for {vendor}",
                 "Subscribe the on-call channel to the {vendor} status feed"],
        used="A third-party outage only affects the features that use that third party.",
        now="Without bulkheads and short timeouts, a slow dependency takes the whole service down. Every external call needs its own pool, a timeout set from the user's patience, and a circuit breaker.",
        applies="Teams that call external providers from request paths: {team2} and {team3}.",
        lr_title="A slow dependency is worse than a dead one",
    ),
    dict(
        slug="double-run",
        titles=["Duplicate {job} run charged customers twice",
                "Scheduler ran {job} twice after a leader election",
                "{job} ran twice on {day}"],
        store="ZooKeeper",
        summary=("A leader election in the scheduler during the nightly `{job}` run started a second copy of the "
                 "job. Both copies processed the same batch, and {n} customers were billed twice before the second "
                 "copy was stopped."),
        trigger="scheduler leader election during `{job}`",
        symptom="two `{job}` processes holding the same batch id",
        cause=("The job assumed the scheduler guarantees at-most-once execution. The scheduler only guarantees "
               "at-least-once, and its documentation says so."),
        factors=["**Non-idempotent job.** Charges were not keyed by batch and customer.",
                 "**No lock in the job itself.**",
                 "**Leader election during the busiest job of the night.**"],
        actions=["Make `{job}` idempotent with a unique key on (batch, customer)",
                 "Take a lease in {db} before processing a batch",
                 "Refund duplicate charges and notify affected customers",
                 "Audit other scheduled jobs for at-most-once assumptions"],
        used="The scheduler runs each job exactly once.",
        now="Schedulers, queues and cron give at-least-once execution. Every job that changes money or state must be idempotent.",
        applies="Teams that run scheduled jobs which write to customer-visible state: {team2}, {team3}, Billing.",
        lr_title="Every scheduled job runs at least once, sometimes twice",
    ),
    dict(
        slug="quota-limit",
        titles=["Cloud quota limit stopped {service} from scaling",
                "{service} could not scale: instance quota reached in {region}",
                "Hit the {quota} quota during peak traffic"],
        store="Elasticsearch",
        summary=("During the {event} peak, {service} tried to scale beyond {pods} instances in {region} and hit the "
                 "account's `{quota}` quota. New instances failed to launch, and {pct}% of requests were shed for "
                 "{dur} minutes until the provider raised the limit."),
        trigger="autoscaler requests {n} new instances in {region}",
        symptom="`LimitExceeded` errors in the autoscaler log",
        cause=("Quotas are per account and per region, and three teams share the account. Nobody tracked how "
               "close the account was to the limit."),
        factors=["**Shared quota, no owner.**",
                 "**Peak forecast not shared with the platform team.**",
                 "**Quota increases take hours.**"],
        actions=["Alert when any quota passes 70% in any region",
                 "Request a standing quota increase before known peaks",
                 "Split {service} into its own account"],
        used="The cloud has infinite capacity, so autoscaling always works.",
        now="Autoscaling stops at the account quota. Quotas are a shared, finite resource that needs an owner, monitoring and forecasts like any other capacity.",
        applies="Teams that autoscale in shared cloud accounts: {team2}, {team3}, Compute.",
        lr_title="The cloud's capacity ends at your quota",
    ),
]

SYMPTOMS_WRAP = ["dashboards show that {symptom_text}", "{symptom_text}"]

PHRASES_DETECT = [
    "{alert} alert fires; @{p1} acknowledges",
    "@{p1} is paged by the {alert} alert",
    "customer support reports a spike in tickets about {service}",
    "synthetic check for {service} starts failing in {region}",
    "@{p2} notices the error graph on the {team} dashboard",
]
PHRASES_INVESTIGATE = [
    "@{p1} opens #inc-{slug} and starts an incident call",
    "@{p2} joins the incident and takes over communications",
    "status page updated: \"We are investigating elevated errors\"",
    "@{p1} checks recent deploys; nothing obvious in the last hour",
    "@{p3} suspects {db} and checks the slow query log",
    "the team rules out a network problem: packet loss is normal in {region}",
    "@{p2} escalates to the {team2} on-call",
    "@{p1} finds `{error}` in the {service} logs",
    "dashboards show {db} CPU at 100% on the primary",
    "@{p3} confirms the problem started with the change at {t0}",
    "incident declared {sev}; @{p1} is incident commander",
    "@{p2} posts an update to #incidents",
]
PHRASES_MITIGATE = [
    "rollback started",
    "@{p1} reverts the change",
    "traffic shifted away from {region}",
    "@{p3} scales {service} up by 50%",
    "@{p2} restarts the {service} pods one availability zone at a time",
    "temporary rate limit applied at the edge",
    "failed mitigation: restarting {db} replicas does not help",
]
PHRASES_RECOVER = [
    "error rate back to baseline",
    "{service} latency back to normal",
    "backlog drained",
    "status page updated: \"Resolved\"",
    "incident closed",
    "monitoring period ends; incident closed by @{p1}",
]

FILLER_PARAGRAPHS = [
    "We looked at the {team} dashboards for the previous four weeks to see whether anything similar had happened before. There were two smaller events with the same shape, on {date_a} and {date_b}, both shorter than five minutes and both below the paging threshold.",
    "The on-call engineer followed the {service} runbook, which was last updated in {year_old}. Several of its steps referred to dashboards that have since been renamed, which cost a few minutes during the investigation.",
    "Traffic during the incident was about {pct}% above the same hour a week earlier because of a marketing campaign, which made the symptoms appear sooner than they would have otherwise.",
    "Customer support received {n} tickets during the incident. The macro they used pointed customers to the status page, which was updated {small} minutes after the first alert.",
    "We confirmed with the {team2} team that their services were not affected, although their dashboards showed a brief rise in latency caused by shared {db} load.",
    "The change had been reviewed and approved by two engineers. Nothing in the diff itself was wrong; the problem was in how the change interacted with the state of production at the time.",
    "Logs from the period are incomplete because the log shipper dropped messages while {service} was overloaded. We reconstructed the sequence from metrics and from the audit log of the deploy tool.",
    "This is the {nth} incident this quarter involving {service}. The previous ones had different causes, but all of them took longer to diagnose than to fix.",
    "There was some confusion on the incident call about who owned {db}. The service catalogue lists {team}, but the database was moved to {team2} last year and the catalogue was not updated.",
    "We considered failing over to {region2}, but decided against it because the standby had not been tested since the last schema change.",
    "The first hypothesis on the call was a problem with {dep}, because it had been deployed twenty minutes earlier. Rolling it back took {small} minutes and changed nothing, which at least ruled it out.",
    "Metrics for {service} are scraped every 60 seconds, so the graphs smoothed over the first burst of errors. The per-request logs show the failures starting almost a minute before the dashboards did.",
    "{db} itself behaved as designed: it protected itself by refusing new work once its limits were reached. The problem was that nothing upstream of it expected to be refused.",
    "Error budgets for {service} were already at {pct}% consumed for the month before the incident; this incident used the rest, and the team has paused feature releases until the action items below are done.",
    "We did not page the {team2} on-call at first because the alert that fired belonged to {team}. In hindsight the symptoms pointed at a shared dependency from the start.",
    "Our status page said \"degraded performance\" for the whole incident, even while most requests were failing. We have since agreed on clearer wording with the support team.",
    "The deploy tool shows who started a rollout but not which configuration it carried. We had to compare two container images by hand to find out what had changed.",
    "About a third of the affected requests came from the mobile apps, which retry in the background; users of the web storefront saw errors straight away.",
    "Because the incident started outside business hours in {region}, the first responder was the follow-the-sun on-call, who had not worked on {service} before.",
    "Nothing in this incident was new: each contributing factor had been noticed before, in a ticket, a design review or a previous postmortem. What was new was all of them happening on the same day.",
]

DETECTION = [
    "The incident was detected by the {alert} alert, {small} minutes after the first failed requests. The alert routes to the {team} primary on-call, who acknowledged it within two minutes.",
    "We found out from customers before our monitoring did: the first support ticket arrived {small} minutes before the {alert} alert fired, because the alert averages over ten minutes.",
    "A synthetic check in {region} was the first signal. It posts to a channel rather than paging, and it was {small} minutes before someone read it and paged the on-call.",
    "The {team2} on-call noticed errors from their own service, traced them to {service} and paged {team}. Our own alerts fired a few minutes later.",
]

BELIEF_ELABORATION = [
    "This belief was reasonable. It had been true for years, it was written into our runbooks, and nothing in our dashboards suggested it had stopped being true. It was also the kind of belief nobody writes down, because it is too obvious to mention.",
    "We did not hold this belief on purpose. Nobody decided it; it followed from how our tools behave on a normal day, and normal days are most of our experience.",
    "Several teams we talked to after the incident said they assume the same thing. Some of them have the same safeguards we were missing, most do not.",
    "In design reviews, this assumption shows up as a missing question: nobody asks what happens when it does not hold, because it always has.",
    "The assumption is baked into our defaults: the shared libraries, the deploy templates and the alerting examples in the handbook all take it for granted.",
]

NOW_ELABORATION = [
    "This does not mean the old approach was wrong everywhere. It means the cost of being wrong is much higher than we thought, and the checks that would catch it are cheap.",
    "The change is less about a specific tool than about which questions we ask before a change: what is the worst case if this assumption is false, and how would we notice?",
    "We have turned the lesson into three concrete defaults in the shared tooling, so teams get the safer behaviour without having to read this review first.",
    "We now treat this as a property to check in design reviews and production readiness reviews, next to capacity and on-call coverage.",
]

LOG_SNIPPETS = [
    "{ts} ERROR {service} [{thread}] upstream request failed: {error} (attempt {small}/3)\n"
    "{ts} WARN  {service} [{thread}] circuit half-open for {dep}\n"
    "{ts} ERROR {service} [{thread}] timeout after {timeout}000 ms calling {dep}",
    "{ts} {db}[{n}]: FATAL:  remaining connection slots are reserved for non-replication superuser connections\n"
    "{ts} {db}[{n}]: LOG:  checkpoints are occurring too frequently ({small} seconds apart)",
    "kubectl -n {ns} get pods | grep -c CrashLoopBackOff\n{pods}",
]

CONFIG_SNIPPETS = [
    ("diff", "--- a/config/{service}.yaml\n+++ b/config/{service}.yaml\n@@ -12,7 +12,7 @@ limits:\n   burst: 200\n-  per_client_rps: {good}\n+  per_client_rps: {bad}\n   window: 1s"),
    ("yaml", "{service}:\n  replicas: {pods}\n  pool:\n    max_connections: {pool}\n    idle_timeout: 30s\n  cache:\n    ttl: {ttl}s\n    prefix: \"{key_new}\""),
    ("sql", "ALTER TABLE {table}\n  ADD COLUMN locale VARCHAR(16) NOT NULL DEFAULT 'en',\n  ADD INDEX idx_{table}_locale (locale, created_at);"),
]

GO_WELL = [
    "The alert fired within {small} minutes of the first errors.",
    "@{p1} connected the symptom to the change quickly.",
    "The rollback worked first time.",
    "Communication on the status page was clear and timely.",
    "The runbook for {service} covered the mitigation we needed.",
    "Support had a macro ready within fifteen minutes.",
    "The incident call stayed calm and focused.",
]
GO_WRONG = [
    "We labelled a risky change as low risk and skipped the canary.",
    "It took {small} minutes to find the right dashboard.",
    "Nobody on the call knew who owned {db}.",
    "The rollback was slowed by the very system we were trying to protect.",
    "Alerts went to a channel that nobody watches at night.",
    "Our staging environment did not reproduce the problem.",
]
GOT_LUCKY = [
    "The change went out before the daily traffic peak.",
    "@{p3} happened to be online and knew the history of the system.",
    "No data was lost: all writes were retried successfully.",
    "The marketing email scheduled for that afternoon was delayed for unrelated reasons.",
]

BROADER_BODIES = [
    "Every team that runs {store} in front of a database should check whether the database survives the uncached read rate. Across the company, we have at least a dozen caches that nobody has sized this way.",
    "All teams should review their retry settings. Anyone who owns a service behind the gateway should assume their clients retry three times.",
    "Teams that run scheduled jobs should make them idempotent. This is an org-wide problem, not one that is specific to {team}.",
    "The rest of the engineering org should treat configuration pushes as deploys.",
]


def slugify(text):
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")[:60].strip("-")


class SafeDict(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def fill(template, ctx):
    return template.format_map(ctx)


# --------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------

class Corpus:
    def __init__(self, out, docs, seed, learning_ratio):
        self.out = out
        self.docs = docs
        self.rng = random.Random(seed)
        self.n_lr = int(round(docs * learning_ratio))
        self.n_pm = docs - self.n_lr
        self.postmortems = []  # (rel path, ctx, scenario)
        self.used_paths = set()
        self.bytes = 0

    # -- helpers -----------------------------------------------------------
    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p):
        return self.rng.random() < p

    def people(self, k):
        return self.rng.sample(PEOPLE, k)

    def make_context(self, date):
        r = self.rng
        team, team2, team3 = r.sample(TEAMS, 3)
        p = self.people(4)
        scen = r.choice(SCENARIOS)
        service = r.choice(SERVICES)
        dep = r.choice([s for s in SERVICES if s != service])
        ctx = SafeDict(
            service=service, dep=dep, team=team, team2=team2, team3=team3,
            db=r.choice(DATASTORES), store=scen["store"], Store=scen["store"],
            region=r.choice(REGIONS), region2=r.choice(REGIONS),
            p1=p[0], p2=p[1], p3=p[2], p4=p[3],
            n=f"{r.randint(20, 9000):,}", rps=f"{r.randint(5, 80) * 1000:,}",
            pct=r.randint(3, 95), dur=r.randint(6, 190), small=r.randint(2, 15),
            big=f"{r.choice([100, 250, 500, 1000]) * 1000:,}", hours=r.randint(2, 9),
            est=r.choice([15, 20, 25, 40]), lat=round(r.uniform(1.2, 9.5), 1), lag=r.randint(30, 900),
            rows=r.randint(50, 900), pods=r.choice([12, 24, 40, 60, 96, 120]), pool=r.choice([20, 32, 50]),
            ttl=r.choice([60, 300, 600, 3600]), ratio=r.choice([10, 20, 100, 160]), wait=r.randint(3, 12),
            timeout=r.choice([10, 30, 60]), version=f"{date.year}.{date.month:02d}.{date.day:02d}-{r.randint(1, 4)}",
            key_old=f"{service.split('-')[0]}:v{r.randint(2, 8)}:", key_new=f"{service.split('-')[0]}:v9:",
            table=r.choice(["orders", "payment_attempts", "journal_entries", "sessions", "events",
                            "document_versions", "shipments", "invoices"]),
            mig=f"{date.year}{date.month:02d}{date.day:02d}_{r.randint(100, 999)}_add_locale",
            host=f"{service.split('-')[0]}.{r.choice(['api', 'partners', 'internal'])}.example.com",
            hh=f"{r.randint(0, 23):02d}", mm=f"{r.randint(0, 59):02d}", year_old=date.year - r.randint(1, 4),
            key=r.choice(["per_client_rps", "max_inflight", "burst_limit", "queue_capacity"]),
            good=r.choice([500, 800, 1000, 2000]), bad=r.choice([5, 8, 10, 20]),
            queue=f"{service.split('-')[0]}.{r.choice(['emails', 'events', 'jobs', 'webhooks'])}",
            flag=r.choice(["new-checkout-flow", "ranker-v2", "locale-aware-prices", "async-receipts",
                           "bulk-export", "unified-search"]),
            lib=r.choice(["grpc-java", "netty", "aws-sdk", "pgx", "jackson", "okhttp", "lettuce"]),
            vendor=r.choice(["Stripe", "Twilio", "SendGrid", "Adyen", "Auth0", "Algolia", "Cloudflare"]),
            job=r.choice(["nightly-billing", "invoice-run", "payout-batch", "reminder-emails", "ledger-close"]),
            day=date.strftime("%-d %B"), quota=r.choice(["vCPU", "ENI", "NAT gateway", "load balancer"]),
            event=r.choice(["Black Friday", "product launch", "end-of-month", "TV campaign"]),
            alert=r.choice(["error-rate", "latency SLO", "error-budget burn", "availability"]),
            error=r.choice(["connection reset by peer", "context deadline exceeded", "503 Service Unavailable",
                            "too many open files", "OOMKilled", "certificate has expired"]),
            sev=r.choice(SEVERITIES), ns=service.split("-")[0], thread=f"worker-{r.randint(1, 64)}",
            nth=r.choice(["second", "third", "fourth"]), slug=scen["slug"],
            date_a=(date - dt.timedelta(days=r.randint(20, 60))).isoformat(),
            date_b=(date - dt.timedelta(days=r.randint(3, 19))).isoformat(),
        )
        ctx["symptom_text"] = fill(scen["symptom"], ctx)
        return scen, ctx

    def write(self, rel, text):
        path = os.path.join(self.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        self.bytes += len(data)

    def unique(self, rel):
        base, ext = os.path.splitext(rel)
        cand, i = rel, 2
        while cand in self.used_paths:
            cand = f"{base}-{i}{ext}"
            i += 1
        self.used_paths.add(cand)
        return cand

    def random_date(self):
        start = dt.date(2019, 1, 1)
        return start + dt.timedelta(days=self.rng.randrange(0, (dt.date(2026, 6, 30) - start).days))

    def verbosity(self, mu=0.0):
        # Log-normal-ish: most documents are 3-6 KB, a few are very long.
        v = self.rng.lognormvariate(mu, 0.45)
        if self.chance(0.02):
            v *= self.rng.uniform(3, 7)
        return max(0.35, v)

    # -- postmortem sections -----------------------------------------------
    def timeline(self, ctx, trigger, date, v):
        r = self.rng
        n_events = max(4, int(r.randint(9, 22) * v))
        t = dt.datetime(date.year, date.month, date.day, r.randint(0, 22), r.randint(0, 59))
        ctx["t0"] = t.strftime("%H:%M")
        events = [fill(trigger, ctx), fill(self.pick(SYMPTOMS_WRAP), ctx)]
        n_inv = max(1, n_events - 6)
        events.append(fill(self.pick(PHRASES_DETECT), ctx))
        events += [fill(x, ctx) for x in r.sample(PHRASES_INVESTIGATE, min(n_inv, len(PHRASES_INVESTIGATE)))]
        while len(events) < n_events - 3:
            events.append(fill(self.pick(PHRASES_INVESTIGATE + PHRASES_DETECT), ctx))
        events.append(fill(self.pick(PHRASES_MITIGATE), ctx))
        events.append(fill(self.pick(PHRASES_RECOVER[:3]), ctx))
        events.append(fill(self.pick(PHRASES_RECOVER[3:]), ctx))
        style = r.choices(["dash", "bold", "date", "table", "star", "numbered"], [40, 15, 15, 10, 10, 10])[0]
        lines = []
        if style == "table":
            lines += ["| Time (UTC) | Event |", "|---|---|"]
        for e in events:
            t += dt.timedelta(minutes=r.choice([1, 1, 2, 3, 4, 5, 7, 10, 15, 25]))
            e = e[0].upper() + e[1:]
            hm = t.strftime("%H:%M")
            if style == "dash":
                lines.append(f"- {hm} UTC — {e}.")
            elif style == "bold":
                lines.append(f"- **{hm}** {e}.")
            elif style == "date":
                lines.append(f"- {t.strftime('%Y-%m-%d')} {hm} UTC: {e}.")
            elif style == "table":
                lines.append(f"| {hm} | {e.replace('|', '/')} |")
            elif style == "star":
                lines.append(f"* `{hm}` – {e}.")
            else:
                lines.append(f"{len(lines) + 1}. {hm}Z {e}.")
        ctx["t_end"] = t.strftime("%H:%M")
        return lines

    def action_items(self, ctx, scen, date, v, numbered=False):
        r = self.rng
        items = [fill(a, ctx) for a in r.sample(scen["actions"], min(len(scen["actions"]), r.randint(3, 6)))]
        extra = ["Update the {service} runbook with the mitigation steps",
                 "Add a dashboard panel for {db} connection usage",
                 "Review paging routes for the {team} rotation",
                 "Write a learning review if the team agrees the lesson generalises",
                 "Add a regression test for the failure mode",
                 "Share the timeline with {team2}"]
        while len(items) < int(4 * v):
            items.append(fill(self.pick(extra), ctx))
        table = self.chance(0.12)
        lines = []
        if table:
            lines += ["| Action | Owner | Due | Ticket |", "|---|---|---|---|"]
        for i, it in enumerate(items):
            owner = "@" + self.pick(PEOPLE)
            due = date + dt.timedelta(days=r.randint(5, 90))
            ticket = f"{self.pick(TRACKERS)}-{r.randint(10, 4999)}"
            kind = r.choices(["full", "tracker", "no-owner", "no-date", "nothing", "done", "quarter"],
                             [55, 12, 6, 6, 5, 8, 8])[0]
            if table:
                o = owner if kind not in ("no-owner", "nothing") else ""
                d = due.isoformat() if kind not in ("no-date", "nothing") else "TBD"
                tk = ticket if kind == "tracker" else ""
                lines.append(f"| {it} | {o} | {d} | {tk} |")
                continue
            if kind == "full":
                s = r.choice([f"{it} — Owner: {owner}, due {due.isoformat()}",
                              f"{it} ({owner}, {due.isoformat()})",
                              f"{it}. Owner: {owner}. Due: {due.strftime('%b %-d, %Y')}"])
            elif kind == "tracker":
                s = f"{it} ({ticket})"
            elif kind == "no-owner":
                s = f"{it}, due {due.isoformat()}"
            elif kind == "no-date":
                s = f"{it} — Owner: {owner}"
            elif kind == "nothing":
                s = r.choice(["Look into how to ", "Consider whether to ", "Investigate whether we should "]) + it[0].lower() + it[1:]
            elif kind == "done":
                s = f"[x] {it} — {owner}, done {due.isoformat()}"
            else:
                s = f"{it} — {owner}, by end of Q{(due.month - 1) // 3 + 1}"
            lines.append(f"{i + 1}. {s}" if numbered else f"- {s}")
        return lines

    def postmortem(self, idx):
        r = self.rng
        date = self.random_date()
        scen, ctx = self.make_context(date)
        v = self.verbosity(0.3)
        title_core = fill(self.pick(scen["titles"]), ctx)
        tstyle = r.choices(["prefix", "incident", "suffix", "plain"], [60, 15, 15, 10])[0]
        title = {"prefix": f"Postmortem: {title_core}", "incident": f"Incident report: {title_core}",
                 "suffix": f"{title_core} — postmortem", "plain": title_core}[tstyle]
        rel = self.unique(f"postmortems/{date.year}/{date.isoformat()}-{slugify(title_core)}.md")
        out = []
        if self.chance(0.3):
            out += ["---", "type: postmortem", f"date: {date.isoformat()}", f"team: {ctx['team']}",
                    f"severity: {ctx['sev']}", f"authors: [{ctx['p1']}, {ctx['p2']}]", "---", ""]
        out += [f"# {title}", ""]
        if self.chance(0.85):
            out += [f"- **Date:** {date.isoformat()}", f"- **Team:** {ctx['team']}",
                    f"- **Incident commander:** @{ctx['p1']}", f"- **Severity:** {ctx['sev']}",
                    f"- **Status:** {self.pick(STATUSES)}", ""]
        if self.chance(0.01):  # a stale suppression that silences nothing
            out += ["<!-- lessonlint-disable-next-line postmortem/action-item-owner -->", ""]
        tl = self.timeline(ctx, scen["trigger"], date, v)
        num_list = self.chance(0.1)
        out += ["## Summary", "", fill(scen["summary"], ctx), ""]
        if self.chance(0.95):
            out += ["## Impact", ""]
            impact = [f"{ctx['t0']}–{ctx['t_end']} UTC: "
                      f"{ctx['pct']}% of requests to {ctx['service']} failed or timed out.",
                      f"Roughly {ctx['n']} customers were affected in {ctx['region']}.",
                      f"{ctx['team2']} saw elevated latency but no errors.",
                      f"No data was lost; {ctx['small']} batch jobs were re-run afterwards.",
                      f"Orders placed in the window were {ctx['pct'] // 2 + 1}% below forecast."]
            k = r.randint(2, len(impact))
            out += ["- " + x for x in impact[:k]] if self.chance(0.7) else [" ".join(impact[:k])]
            out.append("")
        if self.chance(0.96):
            out += [f"## {r.choice(['Timeline', 'Timeline', 'Timeline (UTC)', 'Chronology', 'Sequence of events'])}", ""]
            if self.chance(0.2):
                out += ["All times are UTC.", ""]
            out += tl + [""]
        if self.chance(0.45):
            out += ["## Detection", "", fill(self.pick(DETECTION), ctx), ""]
        out += [f"## {r.choice(['Root cause and contributing factors', 'Root cause', 'Technical analysis', 'Contributing factors', 'Why did this happen?'])}", "",
                fill(scen["cause"], ctx), ""]
        factors = [fill(f, ctx) for f in scen["factors"]]
        r.shuffle(factors)
        out += ["Contributing factors:", ""] + ["- " + f for f in factors[:max(2, int(len(factors) * min(v, 1.0)))]] + [""]
        n_fill = max(0, int(round(r.uniform(1.0, 4.0) * v)) - 1)
        if n_fill or self.chance(0.3):
            out += ["### Details", ""]
            for para in r.sample(FILLER_PARAGRAPHS, min(n_fill + 1, len(FILLER_PARAGRAPHS))):
                out += [fill(para, ctx), ""]
        for _ in range(int(v * r.uniform(0.2, 1.3))):
            if self.chance(0.5):
                ts = f"{date.isoformat()}T{ctx['t0']}:{r.randint(0, 59):02d}Z"
                ctx["ts"] = ts
                out += ["```text", fill(self.pick(LOG_SNIPPETS), ctx), "```", ""]
            else:
                lang, snip = self.pick(CONFIG_SNIPPETS)
                out += [f"```{lang}", fill(snip, ctx), "```", ""]
        if self.chance(0.3):
            out += [f"See the [{ctx['service']} dashboard](https://grafana.example.com/d/{ctx['ns']}/overview) "
                    f"and the [runbook](../../runbooks/{ctx['service']}.md) for more context.", ""]
        if self.chance(0.25):
            out += ["## Supporting information", "", "| Metric | Before | During | After |", "|---|---:|---:|---:|"]
            for m in r.sample(["p50 latency (ms)", "p99 latency (ms)", "error rate (%)", "requests/s",
                               f"{ctx['db']} CPU (%)", "pods ready", "queue age (s)", "cache hit ratio (%)"], r.randint(3, 6)):
                out.append(f"| {m} | {r.randint(1, 99)} | {r.randint(100, 9999)} | {r.randint(1, 120)} |")
            out.append("")
        if self.chance(0.93):
            out += [f"## {r.choice(['Action items', 'Action items', 'Follow-ups', 'Next steps', 'Corrective actions'])}", ""]
            if self.chance(0.03):
                out += ['<!-- lessonlint-disable postmortem/action-item-owner reason="owners are tracked on the team board" -->', ""]
            out += self.action_items(ctx, scen, date, v, num_list) + [""]
        if self.chance(0.85):
            out += [f"## {r.choice(['Lessons learned', 'Lessons learned', 'Lessons', 'Takeaways'])}", ""]
            org_body = self.chance(0.04)
            for head, bank in (("What went well", GO_WELL), ("What went wrong", GO_WRONG), ("Where we got lucky", GOT_LUCKY)):
                if head == "Where we got lucky" and self.chance(0.4):
                    continue
                out += [f"### {head}", ""]
                out += ["- " + fill(x, ctx) for x in r.sample(bank, min(len(bank), max(1, int(r.randint(1, 3) * v))))]
                out.append("")
            if org_body:
                out += [fill(self.pick(BROADER_BODIES), ctx), ""]
        if self.chance(0.1):
            out += [f"## {r.choice(['Broader lessons for the wider org', 'Lessons for other teams', 'Org-wide takeaways', 'What other teams can learn'])}", "",
                    fill(self.pick(BROADER_BODIES), ctx), "", fill(scen["now"], ctx), ""]
        if self.chance(0.75):
            out += ["## Should this generate a learning review?", ""]
            if self.chance(0.35):
                out += [f"Yes. {fill(scen['used'], ctx)} We think other teams hold the same belief, so we will write a learning review.", ""]
            else:
                out += [f"No. The fix is local to the {ctx['team']} team.", ""]
        text = "\n".join(out).rstrip("\n") + "\n"
        self.write(rel, text)
        self.postmortems.append((rel, ctx, scen, date))

    # -- learning reviews --------------------------------------------------
    def learning_review(self, idx):
        r = self.rng
        pm_rel, pctx, scen, pdate = self.pick(self.postmortems)
        ctx = SafeDict(pctx)
        date = pdate + dt.timedelta(days=r.randint(3, 40))
        v = self.verbosity(0.25)
        title = scen["lr_title"]
        rel = self.unique(f"learning-reviews/{date.year}-{date.month:02d}-{slugify(title)}.md")
        link = "../" + pm_rel
        if self.chance(0.04):
            link = link.replace(".md", "-draft.md")  # a broken link
        authors = ", ".join(self.people(r.randint(1, 3)))
        fm = self.chance(0.9)
        audience_kind = r.choices(["specific", "vague", "none"], [60, 15, 25])[0]
        dist_kind = r.choices(["fm", "section", "none", "tbd", "empty"], [45, 25, 12, 12, 6])[0]
        out = []
        if fm:
            out += ["---", "type: learning-review", f"date: {date.isoformat()}", f"authors: [{authors}]"]
            if self.chance(0.92):
                out.append(f"postmortems: [{link}]")
            if audience_kind == "specific":
                out.append(f"audience: teams {r.choice(['running', 'that own', 'operating'])} {ctx['db']} behind {ctx['store']}, such as {ctx['team2']} and {ctx['team3']}")
            elif audience_kind == "vague":
                out.append(f"audience: {self.pick(VAGUE_AUDIENCES)}")
            if dist_kind == "fm":
                chans = r.sample(CHANNELS, r.randint(1, 2))
                out.append(f"distribution: \"{' and '.join(chans)}\"")
            elif dist_kind == "tbd":
                out.append(f"distribution: {r.choice(['TBD', 'TODO', 'N/A', 'tbd'])}")
            elif dist_kind == "empty":
                out.append("distribution:")
            out += ["---", ""]
        out += [f"# Learning review: {title}", ""]
        first = fill(scen["summary"], ctx).split(". ")[0]
        if first[:2] in ("A ", "An", "Th", "Du", "Au", "We", "Af", "De", "Ou"):
            first = first[0].lower() + first[1:]
        out += [f"On {pdate.strftime('%-d %B %Y')} {first}. "
                f"The details are in the [{ctx['team']} postmortem]({link}). This review is about the assumption "
                f"behind it, which we think other teams share.", ""]
        summary_only = self.chance(0.1)
        if summary_only:
            out += ["## What happened", "", fill(scen["summary"], ctx), ""]
            if self.chance(0.6):
                out += ["## Timeline", ""] + self.timeline(ctx, scen["trigger"], pdate, 0.5) + [""]
            out += ["## Outcome", "", f"{ctx['service']} was degraded for {ctx['dur']} minutes. The team is working through the action items in the postmortem.", ""]
        else:
            if self.chance(0.25):
                out += ["## Background", "", fill(scen["summary"], ctx), ""]
            if self.chance(0.96):
                out += [f"## {r.choice(['What we used to believe', 'What we used to believe', 'The assumption we made', 'What we believed before'])}", "",
                        fill(scen["used"], ctx), ""]
                for para in r.sample(BELIEF_ELABORATION, min(len(BELIEF_ELABORATION), int(r.uniform(0.5, 2.5) * v))):
                    out += [fill(para, ctx), ""]
            if self.chance(0.96):
                out += [f"## {r.choice(['What we now believe', 'What we now believe', 'What we learned', 'The updated model'])}", "",
                        fill(scen["now"], ctx), ""]
                for para in r.sample(NOW_ELABORATION, min(len(NOW_ELABORATION), int(r.uniform(0.5, 2.2) * v))):
                    out += [fill(para, ctx), ""]
                if self.chance(0.5):
                    out += ["Concretely, we now believe:", ""]
                    acts = r.sample(scen["actions"], min(3, len(scen["actions"])))
                    out += [f"- **{fill(a, ctx)}** is worth doing wherever the same assumption holds, not only in {ctx['service']}."
                            for a in acts]
                    out.append("")
            if self.chance(0.94):
                out += [f"## {r.choice(['Where else this applies', 'Where else this applies', 'Who should care', 'Where else this matters'])}", ""]
                if audience_kind == "vague" or self.chance(0.12):
                    out += [r.choice(["Other teams should read this.", "Everyone should read this.",
                                      "All teams could benefit from this."]), ""]
                    if self.chance(0.5):
                        out += ["- Everyone in engineering", ""]
                else:
                    out += ["- " + fill(scen["applies"], ctx),
                            f"- The {ctx['team3']} team, who own the shared tooling and can change its defaults.", ""]
        if dist_kind == "section" or (not fm and dist_kind == "fm"):
            out += [f"## {r.choice(['Distribution', 'Where this is shared', 'Published in'])}", "",
                    "- " + "\n- ".join(r.sample(CHANNELS, r.randint(1, 3))), ""]
        elif dist_kind == "none" and self.chance(0.3):
            out += ["## Distribution", "", r.choice(["TODO", "TBD", "N/A"]), ""]
        if self.chance(0.5):
            out += ["## What we are asking", "",
                    f"Before your next change of this kind, check the three things above. The {ctx['team']} team is happy to pair on it; ask in {self.pick(CHANNELS[:5])}.", ""]
        text = "\n".join(out).rstrip("\n") + "\n"
        self.write(rel, text)

    def run(self):
        for i in range(self.n_pm):
            self.postmortem(i)
        for i in range(self.n_lr):
            self.learning_review(i)



def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="output folder (created; existing files with the same names are replaced)")
    ap.add_argument("--docs", type=int, default=10000, help="number of documents (default 10000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--learning-ratio", type=float, default=0.2, help="share of learning reviews (default 0.2)")
    a = ap.parse_args(argv)
    if a.docs < 1:
        ap.error("--docs must be at least 1")
    c = Corpus(a.out, a.docs, a.seed, a.learning_ratio)
    c.run()
    print(f"{c.docs} documents ({c.n_pm} postmortems, {c.n_lr} learning reviews), "
          f"{c.bytes:,} bytes ({c.bytes / c.docs / 1024:.1f} KB average) in {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
