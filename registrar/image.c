/* SPDX-License-Identifier: MIT */
#include "image.h"

#include "elf-samples.h"
#include "target-entry.h"

#include <elf.h>
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

/* tonistiigi/binfmt names each target's entry after its emulator. */
#define QEMU_PREFIX "qemu-"

/* The next comma-separated item of *list, without the spaces around it,
 * into item; false at the end.  An item too long for item is cut to a
 * prefix no name has, so it is refused as unknown. */
static bool next_item(const char **list, char *item, size_t size)
{
	if (!*list)
		return false;
	const char *end = strchr(*list, ',');
	size_t len = end ? (size_t)(end - *list) : strlen(*list);
	const char *start = *list;
	*list = end ? end + 1 : NULL;
	while (len > 0 && (*start == ' ' || *start == '\t')) {
		start++;
		len--;
	}
	while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
		len--;
	snprintf(item, size, "%.*s", (int)len, start);
	return true;
}

/* Every target's name, space-separated, for a message. */
static void target_names(char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < target_count && used < size; i++) {
		int n = snprintf(out + used, size - used, "%s%s", used ? " " : "", targets[i].name);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

int image_install_list(const char *list, bool *all, struct selection *sel, struct failure *f)
{
	char item[IMAGE_NAME_MAX + 1];

	*all = false;
	memset(sel, 0, sizeof(*sel));
	for (const char *rest = list; next_item(&rest, item, sizeof(item));) {
		if (!item[0])
			return fail(f, EXIT_USAGE, "--install: an empty platform name in '%s'",
				    list);
		if (!strcmp(item, "all")) {
			*all = true;
			continue;
		}
		const struct target *t = platform_target(item);
		if (!t) {
			char platform_list[512], target_list[1024];
			platform_names(platform_list, sizeof(platform_list));
			target_names(target_list, sizeof(target_list));
			return fail(
			    f, EXIT_USAGE,
			    "--install: unknown platform '%s': give all, or platforms among %s, or qemu targets among %s",
			    item, platform_list, target_list);
		}
		bool seen = false;
		for (size_t i = 0; i < sel->count; i++)
			seen |= sel->items[i] == t;
		if (seen)
			continue;
		sel->named[sel->count] = true;
		sel->items[sel->count++] = t;
	}
	if (*all)
		memset(sel, 0, sizeof(*sel));
	return 0;
}

static bool registered(const struct table *live, const char *name)
{
	for (size_t i = 0; i < live->count; i++)
		if (!strcmp(live->items[i].entry.name, name))
			return true;
	return false;
}

static void add_entry(struct image_removal *r, const struct target *t)
{
	for (size_t i = 0; i < r->entry_count; i++)
		if (!strcmp(r->entries[i] + strlen(TARGET_ENTRY_PREFIX), t->name))
			return;
	if (r->entry_count < IMAGE_LIST_MAX)
		snprintf(r->entries[r->entry_count++], sizeof(r->entries[0]), "%s%s",
			 TARGET_ENTRY_PREFIX, t->name);
}

/* Another tool's entry a name or pattern also names, which stays. */
static void add_foreign(struct image_removal *r, const char *name)
{
	size_t used = strlen(r->foreign);

	snprintf(r->foreign + used, sizeof(r->foreign) - used, "%s%s", used ? " " : "", name);
}

/* A pattern: qbinfmt's registered entries whose own name, or whose
 * target's tonistiigi/binfmt name (qemu-TARGET), it matches. */
static void match_pattern(const char *pattern, const struct table *live, struct image_removal *r)
{
	char name[BINFMT_NAME_MAX + 1];

	r->kind = IMAGE_NAME_PATTERN;
	for (size_t i = 0; i < target_count; i++) {
		const struct target *t = &targets[i];
		snprintf(name, sizeof(name), "%s%s", TARGET_ENTRY_PREFIX, t->name);
		if (!registered(live, name))
			continue;
		bool ours = fnmatch(pattern, name, 0) == 0;
		snprintf(name, sizeof(name), "%s%s", QEMU_PREFIX, t->name);
		if (ours || fnmatch(pattern, name, 0) == 0)
			add_entry(r, t);
	}
	for (size_t i = 0; i < live->count; i++) {
		const char *other = live->items[i].entry.name;
		if (strncmp(other, TARGET_ENTRY_PREFIX, strlen(TARGET_ENTRY_PREFIX)) != 0 &&
		    fnmatch(pattern, other, 0) == 0)
			add_foreign(r, other);
	}
}

/* One name: qbinfmt-TARGET, qemu-TARGET, or a platform or target name. */
static bool match_name(const char *given, const struct table *live, struct image_removal *r)
{
	const struct target *t = NULL;

	if (!strncmp(given, TARGET_ENTRY_PREFIX, strlen(TARGET_ENTRY_PREFIX))) {
		r->kind = IMAGE_NAME_ENTRY;
		for (size_t i = 0; i < target_count && !t; i++)
			if (!strcmp(given + strlen(TARGET_ENTRY_PREFIX), targets[i].name))
				t = &targets[i];
	} else if (!strncmp(given, QEMU_PREFIX, strlen(QEMU_PREFIX))) {
		/* tonistiigi/binfmt names an entry after its qemu, whose name is
		 * the target's own, never an alias. */
		r->kind = IMAGE_NAME_QEMU;
		for (size_t i = 0; i < target_count && !t; i++)
			if (!strcmp(given + strlen(QEMU_PREFIX), targets[i].name))
				t = &targets[i];
		if (t && registered(live, given))
			add_foreign(r, given);
	} else {
		r->kind = IMAGE_NAME_PLATFORM;
		t = platform_target(given);
	}
	if (!t)
		return false;
	add_entry(r, t);
	return true;
}

int image_uninstall_list(const char *list, const struct table *live, struct image_removal *out,
			 struct failure *f)
{
	char item[IMAGE_NAME_MAX + 1];
	int count = 0;

	for (const char *rest = list; next_item(&rest, item, sizeof(item));) {
		if (!item[0])
			return fail(f, EXIT_USAGE, "--uninstall: an empty name in '%s'", list);
		if (count == IMAGE_LIST_MAX)
			return fail(f, EXIT_USAGE, "--uninstall: more than %d names",
				    IMAGE_LIST_MAX);
		struct image_removal *r = &out[count];
		memset(r, 0, sizeof(*r));
		snprintf(r->given, sizeof(r->given), "%s", item);
		if (strpbrk(item, "*?["))
			match_pattern(item, live, r);
		else if (!match_name(item, live, r))
			return fail(
			    f, EXIT_USAGE,
			    "--uninstall: '%s' is no emulator, platform or pattern: give qemu-TARGET (tonistiigi/binfmt's names), qbinfmt-TARGET, a platform such as arm64, or a pattern such as 'qemu-*'",
			    item);
		count++;
	}
	if (count == 0)
		return fail(f, EXIT_USAGE, "--uninstall: an empty name in '%s'", list);
	return count;
}

/* Would a container run t's usual programs (ET_EXEC and PIE), through
 * the entry the kernel picks, with an interpreter it opened (F), meant
 * for t: not another target's qemu, as a broad mask would hand it
 * (by the entry's or its interpreter's name, table_guess_target(); an
 * interpreter no name tells, box64 say, is taken at its word)? */
static bool runs_in_containers(const struct table *live, const struct target *t)
{
	static const uint16_t types[] = {ET_EXEC, ET_DYN};

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		unsigned char head[BINFMT_HEADER_SIZE] = {0};
		struct elf_sample s = elf_sample_usual(
		    t, types[i], elf_sample_gnu_only(t) ? ELFOSABI_GNU : ELFOSABI_NONE);
		size_t picked;
		elf_sample_header(t, &s, head);
		/* The name buildkit's check gives the file it runs. */
		if (table_matches(live, head, sizeof(head), "/check", &picked, 1) == 0)
			return false;
		const struct binfmt_entry *e = &live->items[picked].entry;
		const struct target *meant = table_guess_target(e);
		if (!(e->flags & ENTRY_FLAG_FIX_BINARY) || (meant && meant != t))
			return false;
	}
	return true;
}

static void add_platform(const struct platform **out, size_t max, size_t *n,
			 const struct platform *p)
{
	if (*n < max)
		out[(*n)++] = p;
}

size_t image_supported(const struct table *live, const struct host_profile *host,
		       const struct platform **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; host->own && i < platform_count; i++)
		if (!strcmp(platforms[i].target, host->own->name))
			add_platform(out, max, &n, &platforms[i]);
	for (size_t i = 0; i < platform_count; i++) {
		const struct target *t = target_lookup(platforms[i].target);
		if (t != host->own && host_native(host, t))
			add_platform(out, max, &n, &platforms[i]);
	}
	for (size_t i = 0; i < platform_count; i++) {
		const struct target *t = target_lookup(platforms[i].target);
		if (t != host->own && !host_native(host, t) && runs_in_containers(live, t))
			add_platform(out, max, &n, &platforms[i]);
	}
	return n;
}
