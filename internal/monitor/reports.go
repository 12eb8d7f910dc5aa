package monitor

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/getsentry/sentry-go"
)

// InternalError reports err, an unexpected failure of command, as an exception event with the
// current stack. Only the command's name is tagged, never its arguments.
func (m *Monitor) InternalError(err error, command string) {
	if !m.Enabled() || err == nil {
		return
	}
	event := m.hub.Client().EventFromException(err, sentry.LevelError)
	m.capture(event, map[string]string{"command": commandName(command)})
}

// panicError carries a recovered panic value that is not an error.
type panicError struct{ value any }

func (p panicError) Error() string { return fmt.Sprintf("panic: %v", p.value) }

// Panic reports value, recovered from a panic inside command, as a fatal exception event with
// the stack of the panic. It is meant to be called from the deferred function that recovered.
func (m *Monitor) Panic(value any, command string) {
	if !m.Enabled() || value == nil {
		return
	}
	err, ok := value.(error)
	if !ok {
		err = panicError{value}
	}
	event := m.hub.Client().EventFromException(err, sentry.LevelFatal)
	if n := len(event.Exception); n > 0 {
		handled := false
		event.Exception[n-1].Mechanism = &sentry.Mechanism{Type: "panic", Handled: &handled}
	}
	m.capture(event, map[string]string{"command": commandName(command)})
}

// collaboratorMessages are the messages of CollaboratorChanged, by action.
var collaboratorMessages = map[string]string{
	"create": "collaborator created",
	"update": "collaborator updated",
	"delete": "collaborator deleted",
}

// fieldName is the shape of a field name; anything else is not sent, as it could be a value.
var fieldName = lazyPattern(`^[a-z][a-z0-9_]*$`)

// CollaboratorChanged reports that the collaborator actorID created, updated or deleted
// (action "create", "update" or "delete") the collaborator collaboratorID of department.
// fields holds the names of the changed fields, never their values.
func (m *Monitor) CollaboratorChanged(action string, actorID, collaboratorID int64, department string, fields []string) {
	if !m.Enabled() {
		return
	}
	message, ok := collaboratorMessages[action]
	if !ok {
		message = "collaborator changed"
	}
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		if fieldName.MatchString(f) {
			names = append(names, f)
		}
	}
	event := m.hub.Client().EventFromMessage(message, sentry.LevelInfo)
	event.Contexts = map[string]sentry.Context{"collaborator": {
		"action":          action,
		"actor_id":        actorID,
		"collaborator_id": collaboratorID,
		"department":      department,
		"fields":          names,
	}}
	m.capture(event, map[string]string{
		"action":          action,
		"actor_id":        id(actorID),
		"collaborator_id": id(collaboratorID),
		"department":      department,
		"fields":          strings.Join(names, ","),
	})
}

// ContractSigned reports that the collaborator actorID signed the contract contractID of the
// client clientID.
func (m *Monitor) ContractSigned(actorID, contractID, clientID int64) {
	if !m.Enabled() {
		return
	}
	event := m.hub.Client().EventFromMessage("contract signed", sentry.LevelInfo)
	m.capture(event, map[string]string{
		"actor_id":    id(actorID),
		"contract_id": id(contractID),
		"client_id":   id(clientID),
	})
}

// LoginLocked reports, as a warning, that username is refused after too many failed logins.
func (m *Monitor) LoginLocked(username string) {
	if !m.Enabled() {
		return
	}
	event := m.hub.Client().EventFromMessage("username locked out after repeated failed logins", sentry.LevelWarning)
	m.capture(event, map[string]string{"username": username})
}

func id(n int64) string { return strconv.FormatInt(n, 10) }
