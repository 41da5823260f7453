// The webhook events no routing or decision writes, recorded in the
// outbox (daemon/ledger/notify_outbox.h) by the sender's thread
// (webhook_sender.h) when their time comes:
//   sla.breached  a draft waiting in review/ (by the ledger: neither
//                 decided nor superseded) past its review.sla level; once
//                 per submission (its event id), with the facts of its
//                 proof record in review/;
//   digest        once per UTC day, at or after notify.digest_at: the
//                 `proofgate report --since 24h` report as JSON
//                 (daemon/review/review_report_json.h).
// Nothing is recorded for an event no webhook subscribes to.
// With a ledger several nodes share, each node records the breaches of
// the drafts in its own review/ (the proof record is read there).
// Thread-safe as NotifyOutbox is; `spool` is only read.
#ifndef PROOFGATE_DAEMON_SERVICE_NOTIFY_TIMERS_H_
#define PROOFGATE_DAEMON_SERVICE_NOTIFY_TIMERS_H_

#include <spdlog/logger.h>

#include <filesystem>

#include "daemon/ledger/ledger_location.h"
#include "daemon/ledger/notify_outbox.h"
#include "daemon/notify/notify_event.h"
#include "daemon/review/review_sla.h"
#include "daemon/spool/spool.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

// Records sla.breached for every draft overdue at `now` not yet recorded;
// returns how many were recorded. Failures are logged to `log`.
int RecordSlaBreaches(NotifyOutbox& outbox, const NotifySettings& settings,
                      const ReviewSla& sla, const Spool& spool, WallTime now,
                      spdlog::logger& log);

// Records the digest of `now`'s UTC day when notify.digest_at has passed
// and none is recorded yet; true when it recorded one. The report is read
// from the ledger at `ledger`; failures are logged. With a ledger several
// nodes share, each may build the day's digest; the outbox keeps the
// first recorded (one event id per day).
bool RecordDigestIfDue(NotifyOutbox& outbox, const NotifySettings& settings,
                       const ReviewSla& sla, const LedgerLocation& ledger,
                       WallTime now, spdlog::logger& log);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_NOTIFY_TIMERS_H_
