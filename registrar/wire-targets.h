/* SPDX-License-Identifier: MIT */
/* The selected targets, wired: what install, export and podman install
 * all do before they write anything. */
#ifndef QBINFMT_WIRE_TARGETS_H
#define QBINFMT_WIRE_TARGETS_H

#include "failure.h"
#include "outcome.h"
#include "select.h"
#include "wiring.h"

struct wired_target {
	const struct target *target;
	struct outcome_row *row; /* its outcome is the caller's to set */
	struct wiring_result wiring;
};

/*
 * A row for each selected target.  Those that cannot be wired get their
 * outcome here: "skipped" (ok) when --all took them in but this machine
 * cannot run them, "refused" or "failed" when they were named; so do the
 * targets the host runs natively (wo->host's, else this machine's:
 * host_judge()), unless named with --force, and any entry that would
 * capture the host's own programs.  The others are returned in out
 * (room for sel->count), with their row's wiring and interpreter set.
 *
 * --all that leaves nothing to wire, for a reason other than the host
 * running everything itself (no qemu at all, or options no target can
 * take), did nothing it was asked: *nothing then says so in one line,
 * with the first such target's reason, which is usually every one's;
 * else its status is EXIT_OK.
 */
size_t wire_targets(const struct selection *sel, const struct wiring_options *wo, bool force,
		    struct outcome_list *rows, struct wired_target *out, struct failure *nothing);

#endif
