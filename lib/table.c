/* SPDX-License-Identifier: MIT */
/* The table itself: growing it, its problems, matching against it, and
 * telling the kinds of source apart. */
#include "table-internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void table_init(struct table *t)
{
	memset(t, 0, sizeof(*t));
}

void table_free(struct table *t)
{
	free(t->items);
	free(t->problems);
	table_init(t);
}

static bool grow(void **items, size_t *capacity, size_t count, size_t item_size, size_t cap)
{
	if (count < *capacity)
		return true;
	size_t wanted = *capacity ? *capacity * 2 : 16;
	if (wanted > cap)
		wanted = cap;
	if (wanted <= count)
		return false;
	void *bigger = realloc(*items, wanted * item_size);
	if (!bigger)
		return false;
	*items = bigger;
	*capacity = wanted;
	return true;
}

void table_problem(struct table *t, const char *source, int line, const char *fmt, ...)
{
	if (!grow((void **)&t->problems, &t->problem_capacity, t->problem_count,
		  sizeof(*t->problems), TABLE_MAX_PROBLEMS)) {
		t->problems_dropped++;
		return;
	}
	struct table_problem *p = &t->problems[t->problem_count++];
	va_list ap;

	snprintf(p->source, sizeof(p->source), "%s", source);
	p->line = line;
	va_start(ap, fmt);
	/* Cut to fit is fine here: messages quote at most ~60 bytes. */
	if (vsnprintf(p->message, sizeof(p->message), fmt, ap) < 0)
		snprintf(p->message, sizeof(p->message), "unprintable problem");
	va_end(ap);
}

struct table_entry *table_add(struct table *t, const struct binfmt_entry *e, const char *source,
			      int line)
{
	/* bm_register_write() creates a file named after the entry: the two
	 * control files and every existing entry make it fail with EEXIST. */
	if (!strcmp(e->name, "register") || !strcmp(e->name, "status")) {
		table_problem(
		    t, source, line,
		    "name \"%s\" is taken by the binfmt_misc control file: the kernel refuses it",
		    e->name);
		return NULL;
	}
	for (size_t i = 0; i < t->count; i++) {
		if (strcmp(t->items[i].entry.name, e->name) == 0) {
			table_problem(
			    t, source, line,
			    "name \"%.64s\" already registered by %.96s:%d: the kernel refuses it",
			    e->name, t->items[i].source, t->items[i].line);
			return NULL;
		}
	}
	if (!grow((void **)&t->items, &t->capacity, t->count, sizeof(*t->items),
		  TABLE_MAX_ENTRIES)) {
		table_problem(t, source, line,
			      "too many entries (or out of memory): entry \"%.64s\" ignored",
			      e->name);
		return NULL;
	}
	struct table_entry *te = &t->items[t->count++];
	te->entry = *e;
	snprintf(te->source, sizeof(te->source), "%s", source);
	te->line = line;
	te->target = table_guess_target(e);
	return te;
}

void table_quote(char *out, size_t size, const char *text, size_t len)
{
	size_t at = 0;

	if (size < 6) {
		if (size)
			out[0] = '\0';
		return;
	}
	out[at++] = '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		char piece[5];
		size_t n;
		if (c == '"' || c == '\\') {
			piece[0] = '\\';
			piece[1] = (char)c;
			n = 2;
		} else if (c < 0x20 || c >= 0x7f) {
			snprintf(piece, sizeof(piece), "\\x%02x", c);
			n = 4;
		} else {
			piece[0] = (char)c;
			n = 1;
		}
		/* Room for this piece, then "..." and the closing quote. */
		if (at + n + 5 > size) {
			memcpy(out + at, "...", 3);
			at += 3;
			break;
		}
		memcpy(out + at, piece, n);
		at += n;
	}
	out[at++] = '"';
	out[at] = '\0';
}

void table_add_register_string(struct table *t, const char *source, int line, const char *text,
			       size_t len)
{
	struct binfmt_entry e;
	struct entry_error error;

	if (entry_parse(text, len, &e, &error, NULL) == 0)
		table_add(t, &e, source, line);
	else
		table_problem_parse(t, source, line, text, len, &error);
}

void table_problem_parse(struct table *t, const char *source, int line, const char *text,
			 size_t len, const struct entry_error *error)
{
	char quoted[96];
	/* Quote from a little before the failing byte: that is what to fix. */
	size_t from = error->position > 24 ? error->position - 24 : 0;

	if (from > len)
		from = len;
	/* Do not start inside a \xHH escape. */
	for (size_t back = 1; back <= 3 && back <= from; back++) {
		if (text[from - back] == '\\') {
			from -= back;
			break;
		}
	}
	table_quote(quoted, sizeof(quoted), text + from, len - from);
	table_problem(t, source, line, "%s: %s: %s%s", entry_field_name(error->field),
		      entry_problem_text(error->problem), from ? "..." : "", quoted);
}

size_t table_matches(const struct table *t, const unsigned char *head, size_t head_len,
		     const char *filename, size_t *matches, size_t max)
{
	size_t found = 0;

	if (t->switched_off)
		return 0;
	/* Newest first, as the kernel walks its list (entry_pick()). */
	for (size_t i = t->count; i-- > 0;) {
		if (!entry_match(&t->items[i].entry, head, head_len, filename))
			continue;
		if (found < max)
			matches[found] = i;
		found++;
	}
	return found;
}

bool table_join(char *out, size_t size, const char *folder, const char *name)
{
	int n = snprintf(out, size, "%s/%s", folder, name);
	return n > 0 && (size_t)n < size;
}

int table_read_file(int dirfd, const char *path, char **text, size_t *len)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	char *buf = NULL;
	size_t used = 0, size = 0;
	int r = 0;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		r = -errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		r = -EISDIR;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		r = -EINVAL;
		goto out;
	}
	/* st_size is only a hint: live binfmt_misc files report 0. */
	for (;;) {
		if (size - used < 2) {
			size_t bigger = size ? size * 2 : 4096;
			char *p;
			if (size > TABLE_MAX_FILE_SIZE) {
				r = -EFBIG;
				goto out;
			}
			p = realloc(buf, bigger);
			if (!p) {
				r = -ENOMEM;
				goto out;
			}
			buf = p;
			size = bigger;
		}
		ssize_t n = read(fd, buf + used, size - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			goto out;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	if (used > TABLE_MAX_FILE_SIZE) {
		r = -EFBIG;
		goto out;
	}
	buf[used] = '\0';
	*text = buf;
	*len = used;
	buf = NULL;
out:
	free(buf);
	close(fd);
	return r;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void table_names_free(char **names, int count)
{
	for (int i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

int table_sorted_names(int dirfd, bool (*keep)(const char *name), char ***names_out)
{
	int fd = dup(dirfd);
	DIR *dir;
	char **names = NULL;
	size_t count = 0, capacity = 0;
	struct dirent *d;

	if (fd < 0)
		return -errno;
	dir = fdopendir(fd);
	if (!dir) {
		int r = -errno;
		close(fd);
		return r;
	}
	rewinddir(dir);
	errno = 0;
	while ((d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, "..") || !keep(d->d_name))
			continue;
		char *copy = strdup(d->d_name);
		if (!copy ||
		    !grow((void **)&names, &capacity, count, sizeof(*names), TABLE_MAX_ENTRIES)) {
			free(copy);
			closedir(dir);
			table_names_free(names, (int)count);
			return -ENOMEM;
		}
		names[count++] = copy;
		errno = 0;
	}
	if (errno) {
		int r = -errno;
		closedir(dir);
		table_names_free(names, (int)count);
		return r;
	}
	closedir(dir);
	if (count)
		qsort(names, count, sizeof(*names), compare_names);
	*names_out = names;
	return (int)count;
}

bool table_is_conf_name(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".conf") == 0;
}

int table_detect(const char *source, enum table_kind *kind)
{
	struct stat st;
	int fd;

	if (stat(source, &st) < 0)
		return -errno;
	if (S_ISREG(st.st_mode)) {
		*kind = TABLE_REGISTER;
		return 0;
	}
	if (!S_ISDIR(st.st_mode))
		return -EINVAL;
	fd = open(source, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (faccessat(fd, "register", F_OK, 0) == 0 && faccessat(fd, "status", F_OK, 0) == 0) {
		*kind = TABLE_LIVE;
	} else {
		char **names;
		int n = table_sorted_names(fd, table_is_conf_name, &names);
		if (n < 0) {
			close(fd);
			return n;
		}
		table_names_free(names, n);
		*kind = n > 0 ? TABLE_BINFMT_D : TABLE_DEBIAN;
	}
	close(fd);
	return 0;
}

int table_load(struct table *t, const char *source, enum table_kind kind)
{
	struct stat st;

	if (kind == TABLE_AUTO) {
		int r = table_detect(source, &kind);
		if (r < 0)
			return r;
	}
	switch (kind) {
	case TABLE_AUTO:
		break;
	case TABLE_REGISTER:
		return table_load_register_file(t, source);
	case TABLE_BINFMT_D:
		if (stat(source, &st) < 0)
			return -errno;
		return S_ISDIR(st.st_mode) ? table_load_binfmt_d(t, source)
					   : table_load_register_file(t, source);
	case TABLE_DEBIAN:
		return table_load_debian(t, source);
	case TABLE_LIVE:
		return table_load_live(t, source);
	}
	return -EINVAL;
}
