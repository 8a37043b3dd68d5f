/* SPDX-License-Identifier: MIT */
#include "podman-state.h"

#include "binfmt-dir.h"
#include "files.h"
#include "host-elf.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How podman's containers.conf files treat the hook's folder. */
static void read_conf(const struct podman_files *files, const struct podman_version *v,
		      struct podman_state *s)
{
	struct conf_places places;
	struct conf_hooks with, without;
	struct failure f;

	podman_conf_places(files, v, &places);
	s->containers_conf = places.containers_conf != NULL;
	if (conf_hooks_read(&places, CONF_DROPIN_AS_IS, NULL, &with, &f) < 0) {
		snprintf(s->conf_problem, sizeof(s->conf_problem), "%s", f.why);
		return;
	}
	s->hooks_dir_read = conf_hooks_has(&with, files->hooks_dir);
	if (!s->hooks_dir_read)
		snprintf(s->hooks_dir_left_out_by, sizeof(s->hooks_dir_left_out_by), "%s",
			 with.set_by[0] ? with.set_by : "podman's default");
	/* Before podman 4.8 the drop-in repeats the list it found: a folder
	 * set since, in a file read before it, is hidden by it. */
	if (conf_hooks_read(&places, CONF_DROPIN_LEFT_OUT, NULL, &without, &f) == 0) {
		size_t used = 0;
		for (size_t i = 0; i < without.count; i++) {
			if (conf_hooks_has(&with, without.dirs[i]))
				continue;
			int n = snprintf(s->hidden_dirs + used, sizeof(s->hidden_dirs) - used,
					 "%s%s", used ? ", " : "", without.dirs[i]);
			if (n > 0 && (size_t)n < sizeof(s->hidden_dirs) - used)
				used += (size_t)n;
			snprintf(s->hidden_dirs_set_by, sizeof(s->hidden_dirs_set_by), "%s",
				 without.set_by);
		}
		conf_hooks_free(&without);
	}
	conf_hooks_free(&with);
}

/* Entries that would run the host's own programs through an emulator. */
static void read_captured(const char *dir, struct podman_state *s)
{
	struct host_elf host;
	struct table live;
	size_t used = 0;

	if (host_elf_read(&host) < 0 || binfmt_dir_load(dir, &live) < 0)
		return;
	for (size_t i = 0; i < live.count; i++) {
		const struct binfmt_entry *e = &live.items[i].entry;
		if (!e->enabled || !host_elf_captured_by(&host, e))
			continue;
		int n = snprintf(s->captured + used, sizeof(s->captured) - used, "%s%s",
				 used ? ", " : "", e->name);
		if (n > 0 && (size_t)n < sizeof(s->captured) - used)
			used += (size_t)n;
	}
	table_free(&live);
}

void podman_state_read(const struct podman_files *files, const struct podman_version *v,
		       const char *dir, bool own, struct podman_state *s)
{
	struct podman_record record;
	struct failure f;
	size_t len;

	memset(s, 0, sizeof(*s));
	if (podman_record_read(files->record, true, &record, &f) < 0) {
		snprintf(s->record_problem, sizeof(s->record_problem), "%s", f.why);
		/* What the hook can still read of it. */
		if (podman_record_read(files->record, false, &record, &f) < 0)
			table_init(&record.entries);
	}
	s->recorded = record.entries.count;
	podman_record_free(&record);
	podman_hook_check(files, &s->hook);
	read_conf(files, v, s);
	if (file_read_all(AT_FDCWD, files->problems, &s->last_said, &len) < 0)
		s->last_said = NULL;
	if (own)
		read_captured(dir, s);
	s->working = s->recorded && s->hook.runs && s->hooks_dir_read && !s->conf_problem[0];
}

void podman_state_free(struct podman_state *s)
{
	free(s->last_said);
	s->last_said = NULL;
}
