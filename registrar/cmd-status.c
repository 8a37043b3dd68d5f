/* SPDX-License-Identifier: MIT */
/* qbinfmt status: every entry of the binfmt_misc mount, ours or not. */
#include "binfmt-dir.h"
#include "commands.h"
#include "json.h"
#include "registrar.h"
#include "report.h"
#include "targets.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* "aarch64" or "arm,armeb" or "-" */
static void target_names(const struct binfmt_entry *e, char *out, size_t size)
{
	const struct target *found[8];
	size_t n = targets_matched_by(e, found, 8);

	snprintf(out, size, "%s", n ? "" : "-");
	for (size_t i = 0; i < n && i < 8; i++) {
		size_t len = strlen(out);
		snprintf(out + len, size - len, "%s%s", i ? "," : "", found[i]->name);
	}
}

int do_status(const struct options *opts, int argc, char **argv)
{
	struct table live;

	if (argc > 1)
		die(EXIT_USAGE, "status: unexpected argument '%s'", argv[1]);
	if (!binfmt_dir_is_mount(opts->binfmt_dir))
		die(EXIT_INPUT, "status: %s is not a binfmt_misc mount", opts->binfmt_dir);
	int r = binfmt_dir_load(opts->binfmt_dir, &live);
	if (r < 0) {
		errno = -r;
		die_errno(EXIT_INPUT, "status: cannot read %s", opts->binfmt_dir);
	}
	bool enabled = !live.switched_off;

	if (opts->json) {
		printf("{\"binfmt_dir\":");
		json_string(stdout, opts->binfmt_dir);
		printf(",\"enabled\":%s,\"entries\":[", enabled ? "true" : "false");
	} else {
		printf("%s: binfmt_misc %s, %zu entries (oldest first)\n", opts->binfmt_dir,
		       enabled ? "enabled" : "DISABLED", live.count);
		if (live.count)
			printf("%-20s %-8s %-5s %-12s %-4s %s\n", "ENTRY", "STATE", "FLAGS",
			       "TARGET", "OURS", "INTERPRETER");
	}
	for (size_t i = 0; i < live.count; i++) {
		const struct binfmt_entry *e = &live.items[i].entry;
		char flags[5], names[128];
		entry_flags_string(e->flags, flags);
		target_names(e, names, sizeof(names));
		if (opts->json) {
			printf(i ? ",{\"name\":" : "{\"name\":");
			json_string(stdout, e->name);
			printf(",\"enabled\":%s,\"type\":\"%s\",\"flags\":\"%s\",\"interpreter\":",
			       e->enabled ? "true" : "false",
			       e->type == ENTRY_MAGIC ? "magic" : "extension", flags);
			json_string(stdout, e->interpreter);
			printf(",\"targets\":");
			json_string(stdout, names);
			printf(",\"ours\":%s", registrar_owns(e->name) ? "true" : "false");
			if (e->type == ENTRY_MAGIC) {
				printf(",\"offset\":%d,\"magic\":", e->offset);
				json_hex(stdout, e->magic, e->size);
				printf(",\"mask\":");
				if (e->has_mask)
					json_hex(stdout, e->mask, e->size);
				else
					printf("null");
			} else {
				printf(",\"extension\":");
				json_string(stdout, e->extension);
			}
			printf("}");
		} else {
			printf("%-20s %-8s %-5s %-12s %-4s %s\n", e->name,
			       e->enabled ? "enabled" : "disabled", flags[0] ? flags : "-", names,
			       registrar_owns(e->name) ? "yes" : "-", e->interpreter);
		}
	}
	if (opts->json)
		printf("]}\n");
	for (size_t i = 0; i < live.problem_count; i++) {
		const struct table_problem *p = &live.problems[i];
		if (p->line)
			warn("status: %s:%d: %s; skipped", p->source, p->line, p->message);
		else
			warn("status: %s: %s; skipped", p->source, p->message);
	}
	int status = live.problem_count ? EXIT_INPUT : EXIT_OK;
	table_free(&live);
	return status;
}
