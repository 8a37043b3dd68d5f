/* SPDX-License-Identifier: MIT */
/*
 * The differential test: our model against the real kernel, inside a
 * private binfmt_misc mount (tests/sandbox-run makes it).
 *
 *   kernel-diff parse BINFMT_DIR CORPUS_FILE
 *     Register every string of the corpus (and a few thousand generated
 *     ones); the kernel must accept exactly what entry_parse_as_kernel()
 *     accepts, its status file must read back as our parse, and the only
 *     strings the strict entry_parse() refuses beyond that hold raw NULs.
 *
 *   kernel-diff pick BINFMT_DIR WORKDIR
 *     Register overlapping entries whose interpreters print their number,
 *     run files, and check the kernel picks what entry_pick() predicts.
 */
#include "corpus.h"
#include "entry.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *binfmt_dir;
static int failures;

static void show(FILE *out, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\0')
			fputs("<NUL>", out);
		else if (c == '\n')
			fputs("<LF>", out);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "<x%02x>", c);
		else
			fputc(c, out);
	}
}

static void disagree(const struct corpus_item *item, const char *what, const char *detail)
{
	failures++;
	printf("DISAGREE ");
	show(stdout, item->text, item->len);
	printf(": %s%s\n", what, detail);
}

static int write_file(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, len);
	int saved = errno;
	close(fd);
	if (n < 0)
		return -saved;
	return (size_t)n == len ? 0 : -EIO;
}

static int entry_path(char *path, size_t size, const char *name)
{
	int n = snprintf(path, size, "%s/%s", binfmt_dir, name);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

static int remove_entry(const char *name)
{
	char path[4096];
	if (entry_path(path, sizeof(path), name) < 0)
		return -1;
	return write_file(path, "-1", 2);
}

static int read_status(const char *name, char *buf, size_t size, size_t *len)
{
	char path[4096];
	int fd;
	ssize_t n;

	if (entry_path(path, sizeof(path), name) < 0)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	*len = 0;
	while ((n = read(fd, buf + *len, size - *len)) > 0)
		*len += (size_t)n;
	close(fd);
	return n < 0 ? -1 : 0;
}

/* After a disagreement the kernel may hold an entry under a name we did
 * not predict: clear everything so later strings do not hit EEXIST. */
static void remove_all_entries(void)
{
	DIR *d = opendir(binfmt_dir);
	struct dirent *de;

	if (!d)
		exit(99);
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, "register") && strcmp(de->d_name, "status"))
			remove_entry(de->d_name);
	closedir(d);
}

static void check_one(const struct corpus_item *item, int *accepted, int *strict_only)
{
	char register_path[4096];
	struct binfmt_entry model, strict;
	struct entry_error error, strict_error;
	int ours = entry_parse_as_kernel(item->text, item->len, &model, &error, NULL);
	int strict_verdict = entry_parse(item->text, item->len, &strict, &strict_error, NULL);

	snprintf(register_path, sizeof(register_path), "%s/register", binfmt_dir);
	int kernel = write_file(register_path, item->text, item->len);

	if (strict_verdict < 0 && ours == 0) {
		(*strict_only)++;
		if (strict_error.problem != PROBLEM_NUL && strict_error.problem != PROBLEM_NEWLINE)
			disagree(item, "strict parser refuses for a reason other than NUL: ",
				 entry_problem_text(strict_error.problem));
	}

	if (kernel == 0) {
		char status[8192];
		size_t len;
		struct binfmt_entry readback;
		int bad_line;

		(*accepted)++;
		if (ours < 0) {
			disagree(item,
				 "kernel accepts, we refuse: ", entry_problem_text(error.problem));
			remove_all_entries();
			return;
		}
		if (read_status(model.name, status, sizeof(status), &len) < 0) {
			disagree(item, "accepted but no status file under our name ", model.name);
			remove_all_entries();
			return;
		}
		if (strict_verdict < 0 && strict_error.problem == PROBLEM_NEWLINE)
			; /* a newline in the interpreter line: unreadable, as we warn */
		else if (entry_status_parse(model.name, status, len, &readback, &bad_line) < 0)
			disagree(item, "status file does not parse", "");
		else if (!entry_same_rule(&model, &readback))
			disagree(item, "status file differs from our parse", "");
		if (remove_entry(model.name) < 0) {
			fprintf(stderr, "kernel-diff: cannot remove entry %s: %s\n", model.name,
				strerror(errno));
			exit(99);
		}
		return;
	}

	/* An F interpreter is opened (open_exec) before the name is looked
	 * up, so a missing interpreter hides a name that is too long. */
	if (ours < 0 && error.problem == PROBLEM_NAME_TOO_LONG && kernel != -EINVAL &&
	    (model.flags & ENTRY_FLAG_FIX_BINARY))
		return;
	if (ours < 0) {
		if (kernel == -ENAMETOOLONG && error.problem != PROBLEM_NAME_TOO_LONG)
			disagree(item, "kernel says name too long, we say: ",
				 entry_problem_text(error.problem));
		else if (kernel != -EINVAL && kernel != -ENAMETOOLONG)
			disagree(item, "kernel refuses with ", strerror(-kernel));
		return;
	}
	/* We accept the syntax; the kernel may still fail to open an F
	 * interpreter at registration (open_exec in bm_register_write()). */
	if ((model.flags & ENTRY_FLAG_FIX_BINARY) && kernel != -EINVAL && kernel != -ENAMETOOLONG &&
	    kernel != -EEXIST)
		return;
	disagree(item, "we accept, kernel refuses with ", strerror(-kernel));
}

static int run_parse(const char *corpus_path)
{
	struct corpus c = {0};
	int accepted = 0, strict_only = 0;

	if (corpus_load(&c, corpus_path) < 0) {
		fprintf(stderr, "kernel-diff: %s: %s\n", corpus_path, strerror(errno));
		return 99;
	}
	size_t from_file = c.count;
	remove_all_entries();
	corpus_generate_fields(&c, 3000, 1);
	corpus_generate_mutations(&c, 2000, 2);
	for (size_t i = 0; i < c.count; i++)
		check_one(&c.items[i], &accepted, &strict_only);
	printf(
	    "kernel-diff: %zu register strings (%zu from %s), kernel accepted %d, stricter on %d (raw NUL or newline)\n",
	    c.count, from_file, corpus_path, accepted, strict_only);
	printf("%zu passed, %d failed\n", c.count - (size_t)failures, failures);
	free(c.items);
	return failures ? 1 : 0;
}

/* ---- pick order ---- */

#define PICK_ENTRIES 6
#define PICK_FILES   8

static void make_interpreters(const char *workdir)
{
	for (int k = 0; k < PICK_ENTRIES; k++) {
		char path[4096], text[64];
		snprintf(path, sizeof(path), "%s/interp-%d", workdir, k);
		int n = snprintf(text, sizeof(text), "#!/bin/sh\necho %d\n", k);
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
		if (fd < 0 || write(fd, text, (size_t)n) != n) {
			perror(path);
			exit(99);
		}
		close(fd);
	}
}

/* Run FILE; return the number its interpreter printed, or -1. */
static int run_file(const char *file)
{
	int pipefd[2];
	char out[32] = {0};
	pid_t pid;
	int status;

	if (pipe(pipefd) < 0)
		exit(99);
	pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		execl(file, file, (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	ssize_t n = read(pipefd[0], out, sizeof(out) - 1);
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	if (n <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return atoi(out);
}

static int run_pick(const char *workdir)
{
	char register_path[4096];
	uint64_t seed = 7;
	int checked = 0;

	snprintf(register_path, sizeof(register_path), "%s/register", binfmt_dir);
	make_interpreters(workdir);
	for (int round = 0; round < 25; round++) {
		struct binfmt_entry entries[PICK_ENTRIES];

		for (int k = 0; k < PICK_ENTRIES; k++) {
			/* Small alphabets and masks so that entries overlap often;
			 * 'A'/'B' bytes never match the "#!" of the interpreters. */
			char s[256], magic[64] = "", mask[64] = "";
			size_t size = 1 + corpus_random(&seed) % 3;
			for (size_t j = 0; j < size; j++) {
				snprintf(magic + strlen(magic), 8, "\\x%02x",
					 0x41 + (int)(corpus_random(&seed) % 2));
				snprintf(mask + strlen(mask), 8, "\\x%02x",
					 corpus_random(&seed) % 3 ? 0xff : 0xfc);
			}
			int n = snprintf(s, sizeof(s), ":pick-%d:M:%d:%s:%s:%s/interp-%d:", k,
					 (int)(corpus_random(&seed) % 3), magic, mask, workdir, k);
			if (entry_parse(s, (size_t)n, &entries[k], NULL, NULL) < 0 ||
			    write_file(register_path, s, (size_t)n) < 0) {
				fprintf(stderr, "kernel-diff: cannot register %s: %s\n", s,
					strerror(errno));
				return 99;
			}
		}
		/* Disable one now and then: disabled entries are skipped. */
		if (round % 3 == 0) {
			char path[4096];
			int k = (int)(corpus_random(&seed) % PICK_ENTRIES);
			snprintf(path, sizeof(path), "%s/pick-%d", binfmt_dir, k);
			write_file(path, "0", 1);
			entries[k].enabled = false;
		}
		for (int f = 0; f < PICK_FILES; f++) {
			char path[4096];
			unsigned char head[8];
			for (size_t j = 0; j < sizeof(head); j++)
				head[j] = (unsigned char)(0x41 + corpus_random(&seed) % 2);
			snprintf(path, sizeof(path), "%s/file-%d-%d", workdir, round, f);
			int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
			if (fd < 0 || write(fd, head, sizeof(head)) != (ssize_t)sizeof(head))
				exit(99);
			close(fd);
			int expected = entry_pick(entries, PICK_ENTRIES, head, sizeof(head), path);
			int got = run_file(path);
			checked++;
			if (expected != got) {
				failures++;
				printf("DISAGREE pick round %d file %.8s: model %d, kernel %d\n",
				       round, (const char *)head, expected, got);
			}
			unlink(path);
		}
		for (int k = 0; k < PICK_ENTRIES; k++) {
			char name[32];
			snprintf(name, sizeof(name), "pick-%d", k);
			remove_entry(name);
		}
	}
	printf("kernel-diff: %d executions checked against entry_pick()\n", checked);
	printf("%d passed, %d failed\n", checked - failures, failures);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc != 4 || (strcmp(argv[1], "parse") && strcmp(argv[1], "pick"))) {
		fprintf(stderr,
			"usage: kernel-diff parse BINFMT_DIR CORPUS | pick BINFMT_DIR WORKDIR\n");
		return 2;
	}
	binfmt_dir = argv[2];
	setvbuf(stdout, NULL, _IOLBF, 0);
	return strcmp(argv[1], "parse") == 0 ? run_parse(argv[3]) : run_pick(argv[3]);
}
