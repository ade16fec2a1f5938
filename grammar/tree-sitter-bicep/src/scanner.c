#include "tree_sitter/alloc.h"
#include "tree_sitter/parser.h"

#include <wctype.h>

typedef enum {
    EXTERNAL_ASTERISK,
    MULTILINE_STRING_CONTENT,
    INTERPOLATED_MULTILINE_START,
    INTERPOLATED_MULTILINE_CONTENT,
    INTERPOLATED_MULTILINE_OPEN,
} TokenType;

typedef struct {
    uint8_t quote_before_end_count;
    // Dollars before the quotes of the interpolated multi-line string being read (`$$'''` → 2).
    uint8_t dollars;
} Scanner;

static inline void advance(TSLexer *lexer) { lexer->advance(lexer, false); }

static inline void skip(TSLexer *lexer) { lexer->advance(lexer, true); }

void *tree_sitter_bicep_external_scanner_create() { return ts_calloc(1, sizeof(Scanner)); }

void tree_sitter_bicep_external_scanner_destroy(void *payload) { ts_free(payload); }

unsigned tree_sitter_bicep_external_scanner_serialize(void *payload, char *buffer) {
    Scanner *scanner = (Scanner *)payload;
    buffer[0] = (char)scanner->quote_before_end_count;
    buffer[1] = (char)scanner->dollars;
    return 2;
}

void tree_sitter_bicep_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
    Scanner *scanner = (Scanner *)payload;
    scanner->quote_before_end_count = length >= 1 ? (uint8_t)buffer[0] : 0;
    scanner->dollars = length >= 2 ? (uint8_t)buffer[1] : 0;
}

// Text of a multi-line string up to its closing quotes, or (interpolated strings) up to an
// opening `${` with as many dollars as the string has. Quotes beyond the last three are text.
static bool scan_multiline_content(Scanner *scanner, TSLexer *lexer, TSSymbol content, bool interpolated,
                                   bool open_valid) {
    bool advanced_once = false;
    while (!lexer->eof(lexer)) {
        if (lexer->lookahead == '\'') {
            if (scanner->quote_before_end_count > 0) {
                while (scanner->quote_before_end_count > 0) {
                    advance(lexer);
                    scanner->quote_before_end_count--;
                }

                lexer->result_symbol = content;
                return true;
            }

            lexer->mark_end(lexer);
            advance(lexer);
            if (lexer->lookahead == '\'') {
                advance(lexer);
                if (lexer->lookahead == '\'') {
                    advance(lexer);

                    // How many quotes to advance on the next external scanner invocation
                    while (lexer->lookahead == '\'') {
                        scanner->quote_before_end_count++;
                        advance(lexer);
                    }

                    lexer->result_symbol = content;
                    return advanced_once;
                }
            }
            advanced_once = true;
            continue;
        }
        if (interpolated && lexer->lookahead == '$' && scanner->dollars > 0) {
            // A run of dollars opens an interpolation when at least `dollars` of them precede `{`;
            // the opener token takes the whole run (extra dollars are text, see the analysis).
            lexer->mark_end(lexer);
            unsigned run = 0;
            while (lexer->lookahead == '$') {
                advance(lexer);
                run++;
            }
            if (lexer->lookahead == '{' && run >= scanner->dollars) {
                if (advanced_once) {
                    lexer->result_symbol = content;
                    return true;
                }
                if (!open_valid) return false;
                advance(lexer);
                lexer->mark_end(lexer);
                lexer->result_symbol = INTERPOLATED_MULTILINE_OPEN;
                return true;
            }
            advanced_once = true;
            continue;
        }
        advance(lexer);
        advanced_once = true;
    }
    if (interpolated && advanced_once) {
        lexer->mark_end(lexer);
        lexer->result_symbol = content;
        return true;
    }
    return false;
}

bool tree_sitter_bicep_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
    Scanner *scanner = (Scanner *)payload;
    // During error recovery every symbol is valid: the string tokens below must not swallow text then.
    bool recovering = valid_symbols[INTERPOLATED_MULTILINE_START] && valid_symbols[INTERPOLATED_MULTILINE_CONTENT];

    if (valid_symbols[EXTERNAL_ASTERISK]) {
        while (iswspace(lexer->lookahead)) {
            skip(lexer);
        }
        if (lexer->lookahead == '*') {
            advance(lexer);
            lexer->mark_end(lexer);
            lexer->result_symbol = EXTERNAL_ASTERISK;
            if (lexer->lookahead == ':') {
                return true;
            }
        }
    }

    if (!recovering && (valid_symbols[INTERPOLATED_MULTILINE_CONTENT] || valid_symbols[INTERPOLATED_MULTILINE_OPEN])) {
        return scan_multiline_content(scanner, lexer, INTERPOLATED_MULTILINE_CONTENT, true,
                                      valid_symbols[INTERPOLATED_MULTILINE_OPEN]);
    }

    if (!recovering && valid_symbols[INTERPOLATED_MULTILINE_START]) {
        while (iswspace(lexer->lookahead)) {
            skip(lexer);
        }
        if (lexer->lookahead == '$') {
            unsigned run = 0;
            while (lexer->lookahead == '$') {
                advance(lexer);
                run++;
            }
            for (int i = 0; i < 3; i++) {
                if (lexer->lookahead != '\'') return false;
                advance(lexer);
            }
            lexer->mark_end(lexer);
            scanner->dollars = run > 255 ? 255 : (uint8_t)run;
            scanner->quote_before_end_count = 0;
            lexer->result_symbol = INTERPOLATED_MULTILINE_START;
            return true;
        }
    }

    if (valid_symbols[MULTILINE_STRING_CONTENT]) {
        return scan_multiline_content(scanner, lexer, MULTILINE_STRING_CONTENT, false, false);
    }

    return false;
}
