/* SPDX-License-Identifier: MIT */
/*
 * The sandbox's ids: which the new user namespace maps (the caller's own
 * as root there and, when the caller has a range, ids 1..N), and writing
 * those maps from outside: directly as root, through the distribution's
 * setuid newuidmap/newgidmap otherwise (qbinfmt has no setuid helper of
 * its own).
 */
#ifndef QBINFMT_SANDBOX_IDS_H
#define QBINFMT_SANDBOX_IDS_H

#include "failure.h"
#include "subid.h"

#include <stdbool.h>
#include <sys/types.h>

struct sandbox_ids {
	uid_t uid; /* the caller: root inside */
	gid_t gid;
	bool ranges; /* ids 1..N inside map to these too */
	struct id_range uids, gids;
	char notice[512]; /* why the single-id mapping, for one line on stderr */
};

/* single: --single-id; forced: --subids START:COUNT (or NULL).  Never
 * fails: without a range, the caller's own id alone, and the notice says
 * why. */
void sandbox_choose_ids(bool single, const struct id_range *forced, struct sandbox_ids *ids);

/* From outside: write the maps of pid's new user namespace. */
int sandbox_map_ids(pid_t pid, const struct sandbox_ids *ids, struct failure *f);

#endif
