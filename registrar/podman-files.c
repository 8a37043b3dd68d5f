/* SPDX-License-Identifier: MIT */
#include "podman-files.h"

#include "cleanup.h"
#include "files.h"
#include "json.h"
#include "podman-ns.h"
#include "target-entry.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RECORD_NAME "podman.conf"
#define HOOK_NAME   "qbinfmt.json"
#define FORCED_MARK "# --force on a host of family "

static int config_home(char *out, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		return snprintf(out, size, "%s", xdg) < (int)size ? 0 : -1;
	if (!home || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || home[0] != '/')
		return -1;
	return snprintf(out, size, "%s/.config", home) < (int)size ? 0 : -1;
}

int podman_files_locate(struct podman_files *p, struct failure *f)
{
	char config[PATH_MAX - 64];

	memset(p, 0, sizeof(*p));
	if (config_home(config, sizeof(config)) < 0)
		return fail(f, EXIT_FAILURE_FOUND,
			    "no home folder to keep podman's settings in (HOME is unset)");
	snprintf(p->record_dir, sizeof(p->record_dir), "%s/qbinfmt", config);
	snprintf(p->record, sizeof(p->record), "%s/%s", p->record_dir, RECORD_NAME);
	snprintf(p->problems, sizeof(p->problems), "%s.problems", p->record);
	snprintf(p->hooks_dir, sizeof(p->hooks_dir), "%s/containers/hooks.d", config);
	snprintf(p->hook, sizeof(p->hook), "%s/%s", p->hooks_dir, HOOK_NAME);
	snprintf(p->dropin_dir, sizeof(p->dropin_dir), "%s/containers/containers.conf.d", config);
	snprintf(p->dropin, sizeof(p->dropin), "%s/%s", p->dropin_dir, PODMAN_DROPIN_NAME);
	snprintf(p->user_conf, sizeof(p->user_conf), "%s/containers/containers.conf", config);
	return 0;
}

void podman_conf_places(const struct podman_files *files, const struct podman_version *v,
			struct conf_places *p)
{
	const char *containers_conf = getenv("CONTAINERS_CONF");
	const char *override_conf = getenv("CONTAINERS_CONF_OVERRIDE");

	*p = (struct conf_places){
	    .share_conf = "/usr/share/containers/containers.conf",
	    .etc_conf = "/etc/containers/containers.conf",
	    .etc_dropins = "/etc/containers/containers.conf.d",
	    .user_conf = files->user_conf,
	    .user_dropins = files->dropin_dir,
	    .dropin_name = PODMAN_DROPIN_NAME,
	    .containers_conf = containers_conf && *containers_conf ? containers_conf : NULL,
	    .override_conf = override_conf && *override_conf ? override_conf : NULL,
	    .hooks_dir = files->hooks_dir,
	    .version = *v,
	};
}

const char *podman_record_forced(const struct podman_record *r, const char *name)
{
	for (size_t i = 0; i < r->forced_count; i++)
		if (!strcmp(r->forced[i].name, name))
			return r->forced[i].family;
	return NULL;
}

static void mark_forced(struct podman_record *r, const char *name, const char *family)
{
	if (r->forced_count == sizeof(r->forced) / sizeof(r->forced[0]) ||
	    podman_record_forced(r, name))
		return;
	snprintf(r->forced[r->forced_count].name, sizeof(r->forced[0].name), "%s", name);
	snprintf(r->forced[r->forced_count].family, sizeof(r->forced[0].family), "%s", family);
	r->forced_count++;
}

/* The --force marks: each names the family for the entry on the next
 * line.  Entries come in line order, marks too: one walk. */
static void read_marks(struct podman_record *r, const char *text)
{
	size_t next = 0;
	int number = 1;

	for (const char *line = text; *line && next < r->entries.count; number++) {
		size_t len = strcspn(line, "\n");
		while (next < r->entries.count && r->entries.items[next].line <= number)
			next++;
		if (!strncmp(line, FORCED_MARK, strlen(FORCED_MARK)) && next < r->entries.count &&
		    r->entries.items[next].line == number + 1) {
			const char *family = line + strlen(FORCED_MARK);
			size_t family_len = strcspn(family, ": \n");
			char name[16];
			if (family_len < sizeof(name)) {
				snprintf(name, sizeof(name), "%.*s", (int)family_len, family);
				mark_forced(r, r->entries.items[next].entry.name, name);
			}
		}
		line += len;
		if (*line == '\n')
			line++;
	}
}

/* A record qbinfmt writes has a line or two per target: far more is not
 * one of its, and would slow every container start the hook runs for. */
static bool too_long(const char *text)
{
	size_t lines = 0;

	for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++)
		if (++lines > PODMAN_RECORD_MAX_LINES)
			return true;
	return false;
}

int podman_record_read(const char *path, bool whole, struct podman_record *r, struct failure *f)
{
	_cleanup_free_ char *text = NULL;
	size_t len;

	memset(r, 0, sizeof(*r));
	table_init(&r->entries);
	int e = file_read_all(AT_FDCWD, path, &text, &len);
	if (e == -ENOENT)
		return 0;
	if (e < 0)
		return fail(
		    f, EXIT_INPUT,
		    "cannot read %s: %s (qbinfmt never writes over a record it cannot read: mend or delete it)",
		    path, strerror(-e));
	if (too_long(text))
		return fail(
		    f, EXIT_INPUT,
		    "%s: more than %d lines, which is no record qbinfmt wrote (mend or delete it)",
		    path, PODMAN_RECORD_MAX_LINES);
	table_parse_register(&r->entries, path, text, len);
	read_marks(r, text);
	if (whole && r->entries.problem_count) {
		const struct table_problem *p = &r->entries.problems[0];
		fail(
		    f, EXIT_INPUT,
		    "%s:%d: %s; qbinfmt would lose this line rewriting the record (mend or delete it)",
		    p->source, p->line, p->message);
		podman_record_free(r);
		return -1;
	}
	return 0;
}

void podman_record_free(struct podman_record *r)
{
	table_free(&r->entries);
	r->forced_count = 0;
}

/* r keeps the entries keep() accepts. */
static int record_keep(struct podman_record *r, bool (*keep)(const struct binfmt_entry *e, void *c),
		       void *context)
{
	struct podman_record kept;

	memset(&kept, 0, sizeof(kept));
	table_init(&kept.entries);
	for (size_t i = 0; i < r->entries.count; i++) {
		const struct table_entry *e = &r->entries.items[i];
		const char *family = podman_record_forced(r, e->entry.name);
		if (!keep(&e->entry, context))
			continue;
		if (!table_add(&kept.entries, &e->entry, e->source, e->line)) {
			table_free(&kept.entries);
			return -1;
		}
		if (family)
			mark_forced(&kept, e->entry.name, family);
	}
	podman_record_free(r);
	*r = kept;
	return 0;
}

static bool named_otherwise(const struct binfmt_entry *e, void *context)
{
	return strcmp(e->name, context) != 0;
}

int podman_record_put(struct podman_record *r, const struct binfmt_entry *entry,
		      const char *forced_family, struct failure *f)
{
	if (record_keep(r, named_otherwise, (void *)entry->name) < 0 ||
	    !table_add(&r->entries, entry, "podman install", 0))
		return fail(f, EXIT_FAILURE_FOUND, "out of memory");
	if (forced_family)
		mark_forced(r, entry->name, forced_family);
	return 0;
}

struct names {
	int count;
	char **names;
};

static bool not_named(const struct binfmt_entry *e, void *context)
{
	const struct names *n = context;

	for (int i = 0; i < n->count; i++) {
		char name[BINFMT_NAME_MAX + 1];
		target_entry_name(n->names[i], name, sizeof(name));
		if (!strcmp(name, e->name))
			return false;
	}
	return true;
}

void podman_record_drop(struct podman_record *r, int count, char **names)
{
	struct names n = {count, names};

	(void)record_keep(r, not_named, &n);
}

static int write_file(const char *dir, const char *name, const char *path, const char *text,
		      struct failure *f)
{
	int r = dir_make_all(dir, 0755);

	if (r == 0)
		r = file_write_atomic(dir, name, text);
	if (r < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, -r, "cannot write %s", path);
	return 0;
}

static int remove_file(const char *path, struct failure *f)
{
	if (unlink(path) < 0 && errno != ENOENT)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "cannot remove %s", path);
	return 0;
}

int podman_take_down(const struct podman_files *files, struct failure *f)
{
	if (remove_file(files->hook, f) < 0 || remove_file(files->dropin, f) < 0 ||
	    remove_file(files->record, f) < 0 || remove_file(files->problems, f) < 0)
		return -1;
	return 0;
}

int podman_record_write(const struct podman_files *files, const struct podman_record *r,
			struct failure *f)
{
	_cleanup_free_ char *text = NULL;
	size_t size, written = 0;
	FILE *out;

	if (r->entries.count == 0)
		return podman_take_down(files, f);
	out = open_memstream(&text, &size);
	if (!out)
		return fail(f, EXIT_FAILURE_FOUND, "out of memory");
	fprintf(out, "# Written by qbinfmt podman install: what qbinfmt podman hook registers in\n"
		     "# podman's user namespace when it is missing there (binfmt.d lines).\n");
	for (size_t i = 0; i < r->entries.count; i++) {
		const struct binfmt_entry *e = &r->entries.items[i].entry;
		const char *family = podman_record_forced(r, e->name);
		char line[BINFMT_REGISTER_MAX + 1];
		if (entry_format(e, line, sizeof(line)) < 0)
			continue;
		if (family)
			fprintf(out, "%s%s: emulated all the same\n", FORCED_MARK, family);
		fprintf(out, "%s\n", line);
		written++;
	}
	if (fclose(out) != 0)
		return fail(f, EXIT_FAILURE_FOUND, "out of memory");
	if (written == 0)
		return podman_take_down(files, f);
	return write_file(files->record_dir, RECORD_NAME, files->record, text, f);
}

/* The hook's JSON for `program` (oci-hooks(5), version 1.0.0: precreate
 * hooks get the container's configuration on stdin and print it, maybe
 * changed, on stdout). */
static char *hook_json(const char *program, const char *record)
{
	char *text = NULL;
	size_t size;
	struct json j;
	FILE *out = open_memstream(&text, &size);

	if (!out)
		return NULL;
	json_start(&j, out);
	json_object_open(&j);
	json_field_string(&j, "version", "1.0.0");
	json_key(&j, "hook");
	json_object_open(&j);
	json_field_string(&j, "path", program);
	json_key(&j, "args");
	json_array_open(&j);
	json_string(&j, "qbinfmt");
	json_string(&j, "podman");
	json_string(&j, "hook");
	json_string(&j, record);
	json_array_close(&j);
	json_object_close(&j);
	json_key(&j, "when");
	json_object_open(&j);
	json_field_bool(&j, "always", true);
	json_object_close(&j);
	json_key(&j, "stages");
	json_array_open(&j);
	json_string(&j, "precreate");
	json_array_close(&j);
	json_object_close(&j);
	json_finish(&j);
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* The string value of the first "path" key, as json.c writes strings. */
static bool hook_program(const char *json, char *out, size_t size)
{
	const char *p = strstr(json, "\"path\":\"");
	size_t n = 0;

	if (!p)
		return false;
	for (p += 8; *p && *p != '"' && n + 4 < size; p++) {
		unsigned code;
		if (*p != '\\') {
			out[n++] = *p;
			continue;
		}
		p++;
		if (*p == 'n' || *p == 't') {
			out[n++] = *p == 'n' ? '\n' : '\t';
		} else if (*p == 'u' && isxdigit((unsigned char)p[1]) &&
			   isxdigit((unsigned char)p[2]) && isxdigit((unsigned char)p[3]) &&
			   isxdigit((unsigned char)p[4]) && sscanf(p + 1, "%4x", &code) == 1 &&
			   code && code < 0x80) {
			out[n++] = (char)code;
			p += 4;
		} else if (*p == '"' || *p == '\\' || *p == '/') {
			out[n++] = *p;
		} else {
			return false; /* U+FFFD, written for bytes that are not UTF-8 */
		}
	}
	out[n] = '\0';
	return *p == '"';
}

/* This qbinfmt, by a path the hook can name: the file itself, still
 * there (not replaced or removed while it ran), and written into the
 * hook unchanged. */
static int this_program(char *self, size_t size, struct failure *f)
{
	struct stat running, named;
	ssize_t n = readlink("/proc/self/exe", self, size - 1);

	if (n <= 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno,
				  "cannot tell where this qbinfmt is");
	self[n] = '\0';
	if (stat("/proc/self/exe", &running) < 0 || stat(self, &named) < 0 ||
	    running.st_dev != named.st_dev || running.st_ino != named.st_ino)
		return fail(
		    f, EXIT_FAILURE_FOUND,
		    "this qbinfmt (%s) was replaced or removed while it ran: run qbinfmt podman install again",
		    self);
	return 0;
}

static int write_hook(const struct podman_files *files, struct failure *f)
{
	char self[PATH_MAX], named[PATH_MAX];

	if (this_program(self, sizeof(self), f) < 0)
		return -1;
	_cleanup_free_ char *text = hook_json(self, files->record);
	if (!text)
		return fail(f, EXIT_FAILURE_FOUND, "out of memory");
	/* json.c writes bytes that are not UTF-8 as U+FFFD: such a path
	 * would name another file. */
	if (!hook_program(text, named, sizeof(named)) || strcmp(named, self) != 0)
		return fail(f, EXIT_FAILURE_FOUND,
			    "the hook cannot name %s (not UTF-8): install qbinfmt elsewhere", self);
	return write_file(files->hooks_dir, HOOK_NAME, files->hook, text, f);
}

int podman_persist(const struct podman_files *files, const struct podman_record *r,
		   const char *dropin_text, struct failure *f)
{
	if (r->entries.count == 0)
		return podman_take_down(files, f);
	if (podman_record_write(files, r, f) < 0 || write_hook(files, f) < 0 ||
	    write_file(files->dropin_dir, PODMAN_DROPIN_NAME, files->dropin, dropin_text, f) < 0)
		return -1;
	return 0;
}

void podman_hook_check(const struct podman_files *files, struct podman_hook_state *s)
{
	_cleanup_free_ char *text = NULL, *expected = NULL;
	char said[256];
	size_t len;
	struct failure why;

	memset(s, 0, sizeof(*s));
	int r = file_read_all(AT_FDCWD, files->hook, &text, &len);
	s->present = r != -ENOENT;
	if (r < 0) {
		if (s->present)
			snprintf(s->why, sizeof(s->why), "cannot read %s: %s", files->hook,
				 strerror(-r));
		return;
	}
	if (hook_program(text, s->program, sizeof(s->program)))
		expected = hook_json(s->program, files->record);
	s->ours = expected && !strcmp(text, expected);
	if (!s->ours) {
		snprintf(s->why, sizeof(s->why),
			 "%s is not the hook qbinfmt podman install writes for %s", files->hook,
			 files->record);
		return;
	}
	/* As podman runs it: here, in podman's namespace. */
	if (podman_program_says(s->program, "--version", said, sizeof(said), &why) < 0)
		snprintf(s->why, sizeof(s->why), "%s", why.why);
	else if (strncmp(said, "qbinfmt ", 8) != 0)
		snprintf(s->why, sizeof(s->why), "%s is not a qbinfmt (it says '%.60s')",
			 s->program, said);
	else
		s->runs = true;
}
