/* SPDX-License-Identifier: MIT */
#include "subid.h"
#include "cleanup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool subid_parse_line(const char *line, char *who, size_t who_size, struct id_range *range,
		      bool *well_formed)
{
	const char *colon = strchr(line, ':');
	char *end;

	*well_formed = false;
	if (!colon || line[0] == '#')
		return false; /* not a line about anyone */
	snprintf(who, who_size, "%.*s", (int)(colon - line), line);
	if (colon[1] < '0' || colon[1] > '9')
		return true;
	errno = 0;
	range->start = strtoul(colon + 1, &end, 10);
	if (errno || *end != ':' || end[1] < '0' || end[1] > '9')
		return true;
	range->count = strtoul(end + 1, &end, 10);
	*well_formed = !errno && (*end == '\n' || *end == '\0') && range->count > 0;
	return true;
}

/* A range line for who; false for comments and malformed lines. */
static bool parse_line(const char *line, char *who, size_t who_size, struct id_range *range)
{
	bool well_formed;

	return subid_parse_line(line, who, who_size, range, &well_formed) && well_formed;
}

int subid_find(const char *path, const char *name, unsigned long id, struct id_range *range,
	       struct subid_bad_line *bad)
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	_cleanup_free_ char *line = NULL;
	size_t size = 0;
	char number[32], who[256];
	int count = 0;

	if (!f)
		return errno == ENOENT ? -ENOENT : -errno;
	snprintf(number, sizeof(number), "%lu", id);
	while (getline(&line, &size, f) > 0) {
		bool well_formed;
		count++;
		if (!subid_parse_line(line, who, sizeof(who), range, &well_formed))
			continue;
		if (!((name && !strcmp(who, name)) || !strcmp(who, number)))
			continue;
		if (well_formed)
			return 0;
		if (bad) {
			bad->line = count;
			snprintf(bad->text, sizeof(bad->text), "%.*s", (int)strcspn(line, "\n"),
				 line);
		}
		return -EBADMSG;
	}
	return -ENOENT;
}

void subid_describe_bad_line(const char *path, const struct subid_bad_line *bad, char *text,
			     size_t size)
{
	snprintf(text, size, "%s:%d: not NAME:START:COUNT: \"%s\"", path, bad->line, bad->text);
}

void subid_describe_missing(const char *name, char *text, size_t size)
{
	snprintf(
	    text, size,
	    "no subordinate ids for %s in /etc/subuid and /etc/subgid (add a range, e.g. usermod --add-subuids 100000-165535 --add-subgids 100000-165535 %s)",
	    name ? name : "you", name ? name : "USER");
}

static bool overlaps_any(const char *path, unsigned long start, unsigned long count)
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	_cleanup_free_ char *line = NULL;
	size_t size = 0;

	if (!f)
		return false;
	while (getline(&line, &size, f) > 0) {
		char who[256];
		struct id_range r;
		if (parse_line(line, who, sizeof(who), &r) && r.start < start + count &&
		    start < r.start + r.count)
			return true;
	}
	return false;
}

int subid_pick(const char *subuid, const char *subgid, struct id_range *range)
{
	const unsigned long count = 65536;

	for (unsigned long start = 0x80000; start < 0x6fff0000; start += count) {
		if (!overlaps_any(subuid, start, count) && !overlaps_any(subgid, start, count)) {
			range->start = start;
			range->count = count;
			return 0;
		}
	}
	return -ENOSPC;
}

bool subid_parse(const char *text, struct id_range *range)
{
	char *end;

	errno = 0;
	range->start = strtoul(text, &end, 10);
	if (errno || end == text || *end != ':' || text[0] == '-')
		return false;
	const char *count = end + 1;
	range->count = strtoul(count, &end, 10);
	return !errno && end != count && *end == '\0' && count[0] != '-' && range->count > 0 &&
	       range->count <= 0x10000000;
}
