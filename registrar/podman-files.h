/* SPDX-License-Identifier: MIT */
/*
 * The files that make emulation in podman's namespace outlast it, under
 * $XDG_CONFIG_HOME (~/.config):
 *   qbinfmt/podman.conf                   the record: binfmt.d lines
 *   qbinfmt/podman.conf.problems          what the hook's last run could not do
 *   containers/hooks.d/qbinfmt.json       the hook: `qbinfmt podman hook RECORD`
 *   containers/containers.conf.d/99-qbinfmt.conf
 *                                         hooks_dir, with hooks.d above (podman-conf.h)
 * Each is written whole or not at all (a temporary file renamed), and a
 * record that cannot be read whole is never written over.
 */
#ifndef QBINFMT_PODMAN_FILES_H
#define QBINFMT_PODMAN_FILES_H

#include "failure.h"
#include "podman-conf.h"
#include "table.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define PODMAN_DROPIN_NAME	"99-qbinfmt.conf"
#define PODMAN_RECORD_MAX_LINES 1024

struct podman_files {
	char record_dir[PATH_MAX], record[PATH_MAX + 32], problems[PATH_MAX + 64];
	char hooks_dir[PATH_MAX], hook[PATH_MAX + 32];
	char dropin_dir[PATH_MAX], dropin[PATH_MAX + 32];
	char user_conf[PATH_MAX + 32]; /* ~/.config/containers/containers.conf */
};

/* Where they go, for the calling user.  0, or -1 with f. */
int podman_files_locate(struct podman_files *files, struct failure *f);

/* The containers.conf files podman (version v) reads, with ours. */
void podman_conf_places(const struct podman_files *files, const struct podman_version *v,
			struct conf_places *places);

/* The record: the entries the hook registers again, and which of them
 * were named with --force though of the host's own family (a comment line
 * above each: `# --force on a host of family FAMILY`), so that the hook
 * registers those on a host of that family alone, as install would. */
struct podman_record {
	struct table entries; /* bad lines are its problems */
	struct {
		char name[BINFMT_NAME_MAX + 1];
		char family[16];
	} forced[64];
	size_t forced_count;
};

/* The family `name` was forced on, or NULL. */
const char *podman_record_forced(const struct podman_record *r, const char *name);

/* Read the record at path (none there: empty).  0, or -1 with f (status 3)
 * when it cannot be read, or, with whole, when a line is no entry: what
 * qbinfmt would rewrite must not lose a line silently. */
int podman_record_read(const char *path, bool whole, struct podman_record *r, struct failure *f);
void podman_record_free(struct podman_record *r);

/* Put entry in (replacing one of its name); forced_family: it was named
 * with --force on a host of that family, else NULL. */
int podman_record_put(struct podman_record *r, const struct binfmt_entry *entry,
		      const char *forced_family, struct failure *f);

/* Take out the entries that names (targets or entry names) stand for. */
void podman_record_drop(struct podman_record *r, int count, char **names);

/* Write the record, the hook (naming this qbinfmt) and the drop-in
 * (dropin_text); with an empty record, take_down() instead. */
int podman_persist(const struct podman_files *files, const struct podman_record *r,
		   const char *dropin_text, struct failure *f);

/* Write the record alone; an empty one takes all down. */
int podman_record_write(const struct podman_files *files, const struct podman_record *r,
			struct failure *f);

/* Remove the record, its problems, the hook and the drop-in (hooks.d
 * itself stays: it may hold other hooks).  0, or -1 with f. */
int podman_take_down(const struct podman_files *files, struct failure *f);

/* The hook as podman would run it. */
struct podman_hook_state {
	bool present;		/* qbinfmt.json is there */
	bool ours;		/* and is what qbinfmt podman install writes for this record */
	char program[PATH_MAX]; /* the program it names */
	bool runs;		/* which runs here and says it is a qbinfmt */
	char why[2 * PATH_MAX + 256]; /* when !ours or !runs */
};
void podman_hook_check(const struct podman_files *files, struct podman_hook_state *s);

#endif
