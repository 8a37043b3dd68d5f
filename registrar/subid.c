/* SPDX-License-Identifier: MIT */
#include "subid.h"
#include "cleanup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "name:start:count" -> fields; false for comments and malformed lines. */
static bool parse_line(char *line, char **name, struct id_range *range)
{
	char *end;
	char *colon = strchr(line, ':');

	if (!colon || line[0] == '#')
		return false;
	*colon = '\0';
	*name = line;
	errno = 0;
	range->start = strtoul(colon + 1, &end, 10);
	if (errno || *end != ':')
		return false;
	range->count = strtoul(end + 1, &end, 10);
	return !errno && (*end == '\n' || *end == '\0') && range->count > 0;
}

int subid_find(const char *path, const char *name, unsigned long id, struct id_range *range)
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	_cleanup_free_ char *line = NULL;
	size_t size = 0;
	char number[32];

	if (!f)
		return errno == ENOENT ? -ENOENT : -errno;
	snprintf(number, sizeof(number), "%lu", id);
	while (getline(&line, &size, f) > 0) {
		char *who;
		if (parse_line(line, &who, range) &&
		    ((name && !strcmp(who, name)) || !strcmp(who, number)))
			return 0;
	}
	return -ENOENT;
}

static bool overlaps_any(const char *path, unsigned long start, unsigned long count)
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	_cleanup_free_ char *line = NULL;
	size_t size = 0;

	if (!f)
		return false;
	while (getline(&line, &size, f) > 0) {
		char *who;
		struct id_range r;
		if (parse_line(line, &who, &r) && r.start < start + count &&
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
