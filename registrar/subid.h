/* SPDX-License-Identifier: MIT */
/* Subordinate id ranges (/etc/subuid, /etc/subgid), as newuidmap reads them. */
#ifndef QBINFMT_SUBID_H
#define QBINFMT_SUBID_H

#include <stdbool.h>
#include <stddef.h>

struct id_range {
	unsigned long start, count;
};

/* Where subid_find() stopped at a line of the user's that is not
 * NAME:START:COUNT (for a message: "FILE:LINE: ...", the text quoted). */
struct subid_bad_line {
	int line;
	char text[128];
};

/* The first range of the user, listed by name or by number, in PATH.
 * 0; -ENOENT when there is none; -EBADMSG when the user's first line is
 * malformed (*bad says which, when not NULL); or -errno if PATH cannot be
 * read.  Lines of other users are not judged. */
int subid_find(const char *path, const char *name, unsigned long id, struct id_range *range,
	       struct subid_bad_line *bad);

/* The line subid_find() stopped at, as one message: "PATH:LINE: not
 * NAME:START:COUNT: \"TEXT\"". */
void subid_describe_bad_line(const char *path, const struct subid_bad_line *bad, char *text,
			     size_t size);

/* The one message for a user without a range, with the command that adds
 * one: "no subordinate ids for NAME in /etc/subuid and /etc/subgid (add a
 * range, e.g. usermod ... NAME)".  name NULL: the user has no name. */
void subid_describe_missing(const char *name, char *text, size_t size);

/* "START:COUNT" of one line's fields; the pure part of subid_find(). */
bool subid_parse_line(const char *line, char *who, size_t who_size, struct id_range *range,
		      bool *well_formed);

/* For real root without a range: the first 65536 ids from 0x80000 on, in
 * steps of 65536 below 0x6fff0000 (systemd-nspawn's --private-users=pick
 * window), that overlap no range in either file.  The same answer every
 * time while the files stay the same, so a tree built in one sandbox is
 * owned by the same ids in the next. */
int subid_pick(const char *subuid, const char *subgid, struct id_range *range);

/* "START:COUNT" */
bool subid_parse(const char *text, struct id_range *range);

#endif
