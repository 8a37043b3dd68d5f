/* SPDX-License-Identifier: MIT */
/* Subordinate id ranges (/etc/subuid, /etc/subgid), as newuidmap reads them. */
#ifndef QBINFMT_SUBID_H
#define QBINFMT_SUBID_H

#include <stdbool.h>

struct id_range {
	unsigned long start, count;
};

/* The first range of the user, listed by name or by number, in PATH.
 * 0, -ENOENT when there is none, or -errno if PATH cannot be read. */
int subid_find(const char *path, const char *name, unsigned long id, struct id_range *range);

/* For real root without a range: the first 65536 ids from 0x80000 on, in
 * steps of 65536 below 0x6fff0000 (systemd-nspawn's --private-users=pick
 * window), that overlap no range in either file.  The same answer every
 * time while the files stay the same, so a tree built in one sandbox is
 * owned by the same ids in the next. */
int subid_pick(const char *subuid, const char *subgid, struct id_range *range);

/* "START:COUNT" */
bool subid_parse(const char *text, struct id_range *range);

#endif
