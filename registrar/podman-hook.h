/* SPDX-License-Identifier: MIT */
/*
 * The hook's work: what `qbinfmt podman hook RECORD` does each time podman
 * runs it (an OCI precreate hook, before every container, in podman's user
 * and mount namespace, as their root): register the recorded entries that
 * namespace lacks, under the rules `podman install` applies, so that a
 * record brought from another machine or edited by hand never registers
 * what install would refuse; and make the namespace's own binfmt_misc only
 * when an entry will go in, since from then on the parent's entries no
 * longer apply there.
 */
#ifndef QBINFMT_PODMAN_HOOK_H
#define QBINFMT_PODMAN_HOOK_H

#include "entry.h"
#include "host-elf.h"
#include "table.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Would `podman install` register this entry on this machine?  Only a
 * qbinfmt-TARGET entry with qbinfmt's magic and mask for TARGET, with F
 * and without C, of a target not of the host's own family (unless it was
 * named with --force on a host of that family: forced_family), capturing
 * none of the host's programs (host: this qbinfmt's own header), whose
 * interpreter is there and statically linked.  0, or -1 with why. */
int podman_hook_admits(const struct binfmt_entry *e, const char *forced_family,
		       const struct host_elf *host, char *why, size_t why_size);

/* Before a namespace gets its own binfmt_misc: does dir show another
 * instance than the namespace's own (outer: the one the caller saw
 * before entering, 0 when unknown)?  Then parent holds that instance's
 * entries, as far as it can be read (empty otherwise), else nothing. */
bool podman_parent_entries(const char *dir, dev_t outer, struct table *parent);

/* When the namespace gets its own instance with `ours` in it: the
 * enabled entries of parent that none of ours stands in for (by name or
 * by the targets they run), in a sentence for the user.  Whether any. */
bool podman_hidden_note(const struct table *parent, const struct table *ours, char *note,
			size_t size);

/* What the hook said: each line also goes to RECORD.problems. */
struct podman_hook_report {
	char lines[16][1024];
	size_t count, dropped;
};

/* The hook's work in this namespace, on the binfmt_misc mount dir: never
 * fails (a container must start), says what it could not do in report
 * and, when it did anything at all (mounted, registered or found nothing
 * it could register), writes those lines to RECORD.problems in place of
 * the last ones (removing the file when there are none). */
void podman_hook_run(const char *dir, const char *record, struct podman_hook_report *report);

#endif
