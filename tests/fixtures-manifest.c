/* SPDX-License-Identifier: MIT */
/*
 * fixtures-manifest: check tests/fixtures/MANIFEST against the fixture files,
 * reading each one with libelf, a second reader independent of regen's.
 *
 *   tests/fixtures-manifest PATH/TO/tests/fixtures/MANIFEST
 *
 * For each row: the file's class, data encoding, e_machine and e_type are
 * the ones the row states, its OS/ABI is SYSV (or GNU, for a real program),
 * its name fits its target and type, and the mipsn32 rows (alone among MIPS)
 * carry EF_MIPS_ABI2.  A negative row must not be a readable ELF header, except one that states an
 * e_machine: that must be readable and of a machine no other row has.  A
 * dynamic row (secure/) must be ET_DYN with a PT_DYNAMIC segment.
 * Every file in bin/ and secure/ must have a row, and no row may repeat.
 *
 * Prints one line per failure and `N passed, N failed`; exits 0 if all
 * passed, 1 if not, 2 on a usage error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST_FIELDS	  7
#define MANIFEST_MAX_ROWS 512
#ifndef EF_MIPS_ABI2
#define EF_MIPS_ABI2 0x20
#endif

enum fixture_kind {
	FIXTURE_RUNNABLE,
	FIXTURE_SYNTHETIC,
	FIXTURE_NEGATIVE,
	FIXTURE_DYNAMIC, /* linked against the target's glibc: secure/ */
};

struct manifest_row {
	unsigned line;
	char *text; /* the line; the fields point into it */
	const char *file;
	const char *target;
	const char *class;
	const char *data;
	const char *machine;
	const char *type;
	enum fixture_kind kind;
};

struct manifest {
	struct manifest_row rows[MANIFEST_MAX_ROWS];
	size_t n_rows;
};

static unsigned passed;
static unsigned failed;

__attribute__((format(printf, 2, 3))) static void fail(const char *file, const char *format, ...)
{
	va_list args;

	printf("FAIL %s: ", file);
	va_start(args, format);
	vprintf(format, args);
	va_end(args);
	putchar('\n');
	failed++;
}

static char *strdup_or_die(const char *s)
{
	char *copy = strdup(s);

	if (copy == NULL) {
		perror("fixtures-manifest");
		exit(1);
	}
	return copy;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t len = strlen(s), suffix_len = strlen(suffix);

	return len >= suffix_len && strcmp(s + len - suffix_len, suffix) == 0;
}

/* Splits a line at tabs into exactly MANIFEST_FIELDS fields. */
static int row_parse(struct manifest_row *row, const char *manifest_path)
{
	char *fields[MANIFEST_FIELDS];
	char *rest = row->text;
	size_t n = 0;

	while (rest != NULL) {
		char *field = strsep(&rest, "\t");
		if (n == MANIFEST_FIELDS) {
			n++;
			break;
		}
		fields[n++] = field;
	}
	if (n != MANIFEST_FIELDS) {
		printf("FAIL %s:%u: not %d tab-separated fields\n", manifest_path, row->line,
		       MANIFEST_FIELDS);
		failed++;
		return -1;
	}
	row->file = fields[0];
	row->target = fields[1];
	row->class = fields[2];
	row->data = fields[3];
	row->machine = fields[4];
	row->type = fields[5];
	if (strcmp(fields[6], "runnable") == 0) {
		row->kind = FIXTURE_RUNNABLE;
	} else if (strcmp(fields[6], "synthetic") == 0) {
		row->kind = FIXTURE_SYNTHETIC;
	} else if (strcmp(fields[6], "negative") == 0) {
		row->kind = FIXTURE_NEGATIVE;
	} else if (strcmp(fields[6], "dynamic") == 0) {
		row->kind = FIXTURE_DYNAMIC;
	} else {
		printf("FAIL %s:%u: unknown kind '%s'\n", manifest_path, row->line, fields[6]);
		failed++;
		return -1;
	}
	return 0;
}

static int manifest_read(struct manifest *manifest, const char *path)
{
	FILE *stream = fopen(path, "re");
	char *line = NULL;
	size_t size = 0;
	ssize_t len;
	unsigned line_number = 0;

	if (stream == NULL) {
		printf("FAIL %s: cannot open: %s\n", path, strerror(errno));
		failed++;
		return -1;
	}
	while ((len = getline(&line, &size, stream)) >= 0) {
		struct manifest_row *row;

		line_number++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (manifest->n_rows == MANIFEST_MAX_ROWS) {
			printf("FAIL %s:%u: more than %d rows\n", path, line_number,
			       MANIFEST_MAX_ROWS);
			failed++;
			break;
		}
		row = &manifest->rows[manifest->n_rows];
		row->line = line_number;
		row->text = strdup_or_die(line);
		if (row_parse(row, path) < 0) {
			free(row->text);
			continue;
		}
		manifest->n_rows++;
	}
	free(line);
	fclose(stream);
	return 0;
}

static const struct manifest_row *manifest_find(const struct manifest *manifest, const char *file)
{
	for (size_t i = 0; i < manifest->n_rows; i++)
		if (strcmp(manifest->rows[i].file, file) == 0)
			return &manifest->rows[i];
	return NULL;
}

/* Does any runnable or synthetic row have this e_machine? */
static bool machine_is_known(const struct manifest *manifest, const char *machine)
{
	for (size_t i = 0; i < manifest->n_rows; i++) {
		const struct manifest_row *row = &manifest->rows[i];
		if (row->kind != FIXTURE_NEGATIVE && strcmp(row->machine, machine) == 0)
			return true;
	}
	return false;
}

/* Compares the header with what the row states; returns false after
 * reporting the first difference. */
static bool header_matches(const struct manifest_row *row, Elf *elf, const GElf_Ehdr *ehdr)
{
	const char *class = gelf_getclass(elf) == ELFCLASS64   ? "64"
			    : gelf_getclass(elf) == ELFCLASS32 ? "32"
							       : "?";
	const char *data = ehdr->e_ident[EI_DATA] == ELFDATA2LSB   ? "lsb"
			   : ehdr->e_ident[EI_DATA] == ELFDATA2MSB ? "msb"
								   : "?";
	const char *type = ehdr->e_type == ET_EXEC ? "EXEC" : ehdr->e_type == ET_DYN ? "DYN" : "?";
	unsigned long machine;
	char *end;

	errno = 0;
	machine = strtoul(row->machine, &end, 10);
	if (errno != 0 || end == row->machine || *end != '\0') {
		fail(row->file, "MANIFEST has a bad e_machine '%s'", row->machine);
		return false;
	}
	if (strcmp(class, row->class) != 0) {
		fail(row->file, "class %s, MANIFEST says %s", class, row->class);
		return false;
	}
	if (strcmp(data, row->data) != 0) {
		fail(row->file, "data %s, MANIFEST says %s", data, row->data);
		return false;
	}
	if (ehdr->e_machine != machine) {
		fail(row->file, "e_machine %u, MANIFEST says %s", (unsigned)ehdr->e_machine,
		     row->machine);
		return false;
	}
	if (strcmp(type, row->type) != 0) {
		fail(row->file, "e_type %u, MANIFEST says %s", (unsigned)ehdr->e_type, row->type);
		return false;
	}
	/* hppa linkers mark Linux programs ELFOSABI_GNU (qemu's binfmt mask
	 * for hppa leaves that byte out); generated headers are all SYSV. */
	if (ehdr->e_ident[EI_OSABI] != ELFOSABI_SYSV &&
	    (ehdr->e_ident[EI_OSABI] != ELFOSABI_GNU || row->kind != FIXTURE_RUNNABLE)) {
		fail(row->file, "OS/ABI %u, not SYSV", (unsigned)ehdr->e_ident[EI_OSABI]);
		return false;
	}
	return true;
}

/* A dynamic fixture is secure/NAME-TARGET or secure/NAME-TARGET.so. */
static bool dynamic_name_matches(const struct manifest_row *row)
{
	const char *folder = "secure/";
	size_t len = strlen(row->file), target_len = strlen(row->target);

	if (!starts_with(row->file, folder) || strchr(row->file + strlen(folder), '/') != NULL) {
		fail(row->file, "a dynamic fixture must be in %s", folder);
		return false;
	}
	if (ends_with(row->file, ".so"))
		len -= 3;
	if (len < strlen(folder) + target_len + 2 || row->file[len - target_len - 1] != '-' ||
	    strncmp(row->file + len - target_len, row->target, target_len) != 0) {
		fail(row->file, "name does not end with -%s or -%s.so", row->target, row->target);
		return false;
	}
	return true;
}

/* The name must say what the row says: bin/hello-TARGET[-VARIANT][-pie] for
 * a runnable fixture, bin/synthetic-TARGET for a synthetic one. */
static bool name_matches(const struct manifest_row *row)
{
	char prefix[256];
	const char *rest;
	int len;

	if (row->kind == FIXTURE_DYNAMIC)
		return dynamic_name_matches(row);
	len = snprintf(prefix, sizeof prefix, "bin/%s-%s",
		       row->kind == FIXTURE_SYNTHETIC ? "synthetic" : "hello", row->target);
	if (len < 0 || (size_t)len >= sizeof prefix) {
		fail(row->file, "target name too long");
		return false;
	}
	if (!starts_with(row->file, prefix)) {
		fail(row->file, "name does not start with %s", prefix);
		return false;
	}
	rest = row->file + strlen(prefix);
	if (row->kind == FIXTURE_SYNTHETIC ? *rest != '\0' : *rest != '\0' && *rest != '-') {
		fail(row->file, "name does not fit target %s", row->target);
		return false;
	}
	if (ends_with(row->file, "-pie") != (strcmp(row->type, "DYN") == 0)) {
		fail(row->file, "-pie in the name must go with e_type DYN");
		return false;
	}
	return true;
}

static bool mips_flags_match(const struct manifest_row *row, const GElf_Ehdr *ehdr)
{
	bool n32 = starts_with(row->target, "mipsn32");
	bool abi2 = (ehdr->e_flags & EF_MIPS_ABI2) != 0;

	if (ehdr->e_machine != EM_MIPS || strcmp(row->class, "32") != 0 || n32 == abi2)
		return true;
	fail(row->file, "EF_MIPS_ABI2 is %s for target %s", abi2 ? "set" : "clear", row->target);
	return false;
}

static bool has_dynamic_segment(Elf *elf)
{
	size_t phnum;
	GElf_Phdr phdr;

	if (elf_getphdrnum(elf, &phnum) != 0)
		return false;
	for (size_t i = 0; i < phnum; i++)
		if (gelf_getphdr(elf, (int)i, &phdr) != NULL && phdr.p_type == PT_DYNAMIC)
			return true;
	return false;
}

static void check_row(const struct manifest *manifest, const struct manifest_row *row,
		      int fixtures_fd)
{
	unsigned char magic[SELFMAG];
	struct stat st;
	GElf_Ehdr ehdr_storage, *ehdr = NULL;
	Elf *elf = NULL;
	Elf_Kind kind = ELF_K_NONE;
	bool elf_magic = false;
	bool ok = false;
	int fd;

	if (row->kind != FIXTURE_NEGATIVE && !name_matches(row))
		return;
	fd = openat(fixtures_fd, row->file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fail(row->file, "cannot open: %s", strerror(errno));
		return;
	}
	if (fstat(fd, &st) < 0) {
		fail(row->file, "cannot stat: %s", strerror(errno));
		goto out;
	}
	if (S_ISREG(st.st_mode)) {
		elf_magic =
		    pread(fd, magic, SELFMAG, 0) == SELFMAG && memcmp(magic, ELFMAG, SELFMAG) == 0;
		elf = elf_begin(fd, ELF_C_READ, NULL);
		if (elf != NULL) {
			kind = elf_kind(elf);
			if (kind == ELF_K_ELF)
				ehdr = gelf_getehdr(elf, &ehdr_storage);
		}
	}

	switch (row->kind) {
	case FIXTURE_RUNNABLE:
	case FIXTURE_SYNTHETIC:
		if (kind != ELF_K_ELF || ehdr == NULL) {
			fail(row->file, "not an ELF file libelf can read: %s",
			     elf_errmsg(elf_errno()));
			break;
		}
		if (!header_matches(row, elf, ehdr) || !mips_flags_match(row, ehdr))
			break;
		if (row->kind == FIXTURE_SYNTHETIC &&
		    (ehdr->e_version != EV_CURRENT ||
		     ehdr->e_ehsize != (strcmp(row->class, "64") == 0 ? 64 : 52))) {
			fail(row->file, "bad e_version or e_ehsize");
			break;
		}
		ok = true;
		break;
	case FIXTURE_DYNAMIC:
		if (kind != ELF_K_ELF || ehdr == NULL) {
			fail(row->file, "not an ELF file libelf can read: %s",
			     elf_errmsg(elf_errno()));
			break;
		}
		if (!header_matches(row, elf, ehdr))
			break;
		if (ehdr->e_type != ET_DYN) {
			fail(row->file, "a dynamic fixture must be ET_DYN");
			break;
		}
		if (!has_dynamic_segment(elf)) {
			fail(row->file, "no PT_DYNAMIC segment: not dynamically linked");
			break;
		}
		ok = true;
		break;
	case FIXTURE_NEGATIVE:
		if (strcmp(row->machine, "-") != 0) {
			/* A sound header of a machine no fixture targets. */
			if (ehdr == NULL) {
				fail(row->file, "not an ELF file libelf can read");
			} else if (header_matches(row, elf, ehdr)) {
				if (machine_is_known(manifest, row->machine))
					fail(row->file, "e_machine %s belongs to a target",
					     row->machine);
				else
					ok = true;
			}
		} else if (elf_magic) {
			/* Looks like ELF, must not hold a whole header. */
			if (ehdr != NULL)
				fail(row->file, "is a readable ELF file");
			else
				ok = true;
		} else if (kind == ELF_K_ELF) {
			fail(row->file, "libelf takes it for ELF");
		} else {
			ok = true; /* not ELF at all, or a directory */
		}
		break;
	}
	if (ok)
		passed++;
out:
	if (elf != NULL)
		elf_end(elf);
	close(fd);
}

/* Every file of FOLDER has a row. */
static void check_folder(const struct manifest *manifest, int fixtures_fd, const char *folder)
{
	struct dirent *entry;
	DIR *dir;
	int fd;

	fd = openat(fixtures_fd, folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	dir = fd < 0 ? NULL : fdopendir(fd);
	if (dir == NULL) {
		fail(folder, "cannot open: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((errno = 0, entry = readdir(dir)) != NULL) {
		char file[PATH_MAX];
		int len;

		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		len = snprintf(file, sizeof file, "%s/%s", folder, entry->d_name);
		if (len < 0 || (size_t)len >= sizeof file)
			fail(entry->d_name, "name too long");
		else if (manifest_find(manifest, file) == NULL)
			fail(file, "not in MANIFEST");
	}
	if (errno != 0)
		fail(folder, "cannot read: %s", strerror(errno));
	closedir(dir);
}

/* Every file in bin/ and secure/ has a row; no row comes twice. */
static void check_listing(const struct manifest *manifest, int fixtures_fd)
{
	unsigned failed_before = failed;

	for (size_t i = 0; i < manifest->n_rows; i++)
		if (manifest_find(manifest, manifest->rows[i].file) != &manifest->rows[i])
			fail(manifest->rows[i].file, "listed twice in MANIFEST");
	check_folder(manifest, fixtures_fd, "bin");
	check_folder(manifest, fixtures_fd, "secure");
	if (failed == failed_before)
		passed++;
}

/* The folder that holds PATH, as dirname(1) prints it; never fails. */
static char *parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL)
		return strdup_or_die(".");
	while (slash > path && slash[-1] == '/')
		slash--;
	if (slash == path)
		return strdup_or_die("/");
	dir = strdup_or_die(path);
	dir[slash - path] = '\0';
	return dir;
}

int main(int argc, char **argv)
{
	static struct manifest manifest;
	char *fixtures_dir;
	int fixtures_fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s MANIFEST\n", argv[0]);
		return 2;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(stderr, "fixtures-manifest: libelf: %s\n", elf_errmsg(-1));
		return 1;
	}

	fixtures_dir = parent_dir(argv[1]);
	fixtures_fd = open(fixtures_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fixtures_fd < 0) {
		printf("FAIL %s: cannot open: %s\n", fixtures_dir, strerror(errno));
		failed++;
	} else if (manifest_read(&manifest, argv[1]) == 0) {
		if (manifest.n_rows == 0)
			fail(argv[1], "no rows");
		for (size_t i = 0; i < manifest.n_rows; i++)
			check_row(&manifest, &manifest.rows[i], fixtures_fd);
		check_listing(&manifest, fixtures_fd);
	}

	printf("%u passed, %u failed\n", passed, failed);
	for (size_t i = 0; i < manifest.n_rows; i++)
		free(manifest.rows[i].text);
	free(fixtures_dir);
	if (fixtures_fd >= 0)
		close(fixtures_fd);
	return failed == 0 ? 0 : 1;
}
