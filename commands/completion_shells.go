package commands

// posixLogic decides what a completion script offers for the word being
// typed: the program's flags and their fixed values, then the command, the
// sub-command, the command's flags and their fixed values, all from the
// functions written from the table; anything else is asked of the program
// (`__complete`), with the same --db. It runs in bash, zsh and sh (for
// fish): POSIX, with local, and no variable named path (zsh's $PATH).
const posixLogic = `
# _epicevents_filter CUR: the lines whose text starts with CUR.
_epicevents_filter() {
    while IFS= read -r _epicevents_line; do
        case $_epicevents_line in
        "$1"*) printf '%s\n' "$_epicevents_line";;
        esac
    done
}

# _epicevents_candidates PROGRAM CUR WORDS...: what to offer for CUR, the
# word being typed after WORDS, one per line: TEXT, a tab, a description.
_epicevents_candidates() {
    local ee_prog ee_cur ee_db ee_cmd ee_sub ee_prev ee_n
    ee_prog=$1 ee_cur=$2 ee_db=
    shift 2
    while [ $# -gt 0 ]; do
        case $1 in
        --db=*) ee_db=${1#--db=}; shift;;
        @VALUEFLAGS@)
            if [ $# -eq 1 ]; then
                _epicevents_values '' "$1" | _epicevents_filter "$ee_cur"
                return 0
            fi
            [ "$1" = --db ] && ee_db=$2
            shift 2;;
        -*) shift;;
        *) break;;
        esac
    done
    if [ $# -eq 0 ]; then
        case $ee_cur in
        -*) _epicevents_flags '' | _epicevents_filter "$ee_cur";;
        *) _epicevents_subs '' | _epicevents_filter "$ee_cur";;
        esac
        return 0
    fi
    ee_cmd=$(_epicevents_sub '' "$1") || return 0
    ee_n=1
    if [ -n "$(_epicevents_subs "$ee_cmd")" ]; then
        if [ $# -eq 1 ]; then
            case $ee_cur in
            -*) ;;
            *) _epicevents_subs "$ee_cmd" | _epicevents_filter "$ee_cur"; return 0;;
            esac
        elif ee_sub=$(_epicevents_sub "$ee_cmd" "$2"); then
            ee_cmd=$ee_sub ee_n=2
        fi
    fi
    case $ee_cur in
    --*=*) ;;
    -*) _epicevents_flags "$ee_cmd" | _epicevents_filter "$ee_cur"; return 0;;
    esac
    if [ $# -gt $ee_n ]; then
        eval "ee_prev=\${$#}"
        if ee_sub=$(_epicevents_values "$ee_cmd" "$ee_prev"); then
            printf '%s\n' "$ee_sub" | _epicevents_filter "$ee_cur"
            return 0
        fi
    fi
    if [ -n "$ee_db" ]; then
        "$ee_prog" --db "$ee_db" __complete -- "$@" "$ee_cur" 2>/dev/null
    else
        "$ee_prog" __complete -- "$@" "$ee_cur" 2>/dev/null
    fi
}
`

// bashWrapper reads the line being completed and fills COMPREPLY.
const bashWrapper = `
_epicevents() {
    local ee_cur ee_line ee_word ee_strip=0
    local -a ee_words=()
    if [ -n "${COMP_LINE-}" ]; then
        ee_line=${COMP_LINE:0:${COMP_POINT:-${#COMP_LINE}}}
        read -ra ee_words <<< "$ee_line"
        case $ee_line in
        *[[:space:]]) ee_cur=;;
        *) ee_cur=${ee_words[${#ee_words[@]}-1]}; unset 'ee_words[${#ee_words[@]}-1]';;
        esac
    else
        ee_words=("${COMP_WORDS[@]:0:COMP_CWORD}")
        ee_cur=${COMP_WORDS[COMP_CWORD]}
    fi
    # bash cuts the word being typed at = and : (COMP_WORDBREAKS): each
    # suggestion replaces only what follows them.
    ee_word=${COMP_WORDS[COMP_CWORD]-$ee_cur}
    ee_word=${ee_word##*[=:]}
    if [ "$ee_word" != "$ee_cur" ] && [ "${ee_cur%"$ee_word"}" != "$ee_cur" ]; then
        ee_strip=$(( ${#ee_cur} - ${#ee_word} ))
    fi
    COMPREPLY=()
    while IFS= read -r ee_line; do
        ee_line=${ee_line%%$'\t'*}
        COMPREPLY+=("${ee_line:ee_strip}")
    done < <(_epicevents_candidates "${ee_words[0]:-epicevents}" "$ee_cur" "${ee_words[@]:1}")
    if [ ${#COMPREPLY[@]} -eq 1 ] && [ "${COMPREPLY[0]%/}" != "${COMPREPLY[0]}" ]; then
        compopt -o nospace 2>/dev/null
    fi
    return 0
}
complete -F _epicevents epicevents
`

// zshWrapper offers the candidates with their descriptions.
const zshWrapper = `
_epicevents() {
    local -a ee_offers
    local ee_line ee_text
    while IFS= read -r ee_line; do
        ee_text=${ee_line%%$'\t'*}
        if [[ $ee_line == *$'\t'* ]]; then
            ee_offers+=("${ee_text//:/\\:}:${ee_line#*$'\t'}")
        else
            ee_offers+=("${ee_text//:/\\:}")
        fi
    done < <(_epicevents_candidates "${words[1]}" "${words[CURRENT]}" "${(@)words[2,CURRENT-1]}")
    (( ${#ee_offers} )) && _describe -t values epicevents ee_offers
}
if (( $+functions[compdef] )); then
    compdef _epicevents epicevents
fi
`

// fishWrapper runs the POSIX functions with sh; fish reads TEXT, a tab and
// the description, as it is.
const fishWrapper = `
function __epicevents_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l prog $tokens[1]
    set -e tokens[1]
    sh -c "$__epicevents_posix"'
_epicevents_candidates "$@"' sh $prog "$cur" $tokens
end
complete -c epicevents -f -a '(__epicevents_complete)'
`
