//! Domain-free widgets in PatternFly's markup: buttons, alerts, the modal shell, icons, empty
//! and loading states, and the async patterns every page reads and writes with (`Loaded`,
//! `Mutation`).

pub mod alert;
pub mod button;
pub mod checkbox;
pub mod confirm_modal;
pub mod data_table;
pub mod empty_state;
pub mod error_alert;
pub mod focus_trap;
pub mod form_group;
pub mod form_modal;
pub mod icons;
pub mod kebab_menu;
pub mod label;
pub mod loaded;
pub mod loading;
pub mod modal;
pub mod mutation;
pub mod popover;
pub mod status_label;
pub mod tabs;
pub mod viewport;

pub use alert::{Alert, AlertVariant};
pub use button::{Button, ButtonLink, ButtonType, ButtonVariant};
pub use checkbox::Checkbox;
pub use confirm_modal::ConfirmModal;
pub use data_table::{DataTable, TableHead};
pub use empty_state::EmptyState;
pub use error_alert::ErrorAlert;
pub use form_group::{FormGroup, SelectCaret};
pub use form_modal::FormModal;
pub use kebab_menu::{KebabMenu, MenuAction};
pub use label::{Label, LabelColor};
pub use loaded::{Loaded, ReadPhase};
pub use loading::LoadingRows;
pub use modal::{FocusStart, Modal, ModalSize};
pub use mutation::Mutation;
pub use popover::Popover;
pub use status_label::StatusLabel;
pub use tabs::TabBar;
