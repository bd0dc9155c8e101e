package uk.schooldata.approvals.mis.simulator;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toCollection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import uk.schooldata.approvals.mis.Contact;
import uk.schooldata.approvals.mis.MisGroup;
import uk.schooldata.approvals.mis.StaffMember;
import uk.schooldata.approvals.mis.Student;

/**
 * Generates an English secondary school's people from its URN; the same URN always gives the same school.
 * <p>
 * About 60 staff; years 7 to 11, each of six registration groups (7A to 7F) of about 30 students, some of them
 * brothers and sisters in different years; for each family one or two parents or carers, now and then a grandparent,
 * aunt or uncle as well. A few percent of people have no email address; step-parents, grandparents, aunts, uncles and most
 * carers have no parental responsibility; about one contact in a hundred is under a court order.
 * <p>
 * Email addresses use reserved domains ({@code .example}, {@code example.com}, RFC 2606), so that nothing generated
 * here can reach a real mailbox.
 */
final class SchoolDataGenerator {

	private static final int FIRST_YEAR = 7;

	private static final int LAST_YEAR = 11;

	private static final String FORMS = "ABCDEF";

	private static final double SHARE_WITHOUT_EMAIL = 0.04;

	/** The chance that a student below year 11 has an older brother or sister at the school. */
	private static final double CHANCE_OF_OLDER_SIBLING = 0.09;

	/** The chance that a family names a grandparent, aunt or uncle as well. */
	private static final double CHANCE_OF_WIDER_FAMILY = 0.07;

	/** The chance that a mother or father is under a court order. */
	private static final double CHANCE_OF_COURT_ORDER = 0.012;

	private static final List<String> SENIOR_AND_SUPPORT_ROLES = List.of("Headteacher", "Deputy Headteacher",
			"Deputy Headteacher", "Assistant Headteacher", "Assistant Headteacher", "Assistant Headteacher", "SENCo",
			"School Business Manager", "Data Manager", "Exams Officer", "Office Manager", "Receptionist",
			"Attendance Officer", "Site Manager", "IT Technician", "Librarian", "Head of English",
			"Head of Mathematics", "Head of Science");

	private static final List<String> TEACHING_ROLES = List.of("Teacher of English", "Teacher of English",
			"Teacher of Mathematics", "Teacher of Mathematics", "Teacher of Science", "Teacher of Science",
			"Teacher of History", "Teacher of Geography", "Teacher of French", "Teacher of Spanish", "Teacher of Art",
			"Teacher of Music", "Teacher of PE", "Teacher of Computing", "Teacher of Religious Education",
			"Teacher of Design and Technology", "Teaching Assistant", "Teaching Assistant", "Teaching Assistant",
			"Cover Supervisor", "Science Technician");

	private static final List<String> GIRLS = List.of("Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily",
			"Isabella", "Rosie", "Sophia", "Grace", "Freya", "Willow", "Florence", "Emily", "Ella", "Poppy", "Evie",
			"Elsie", "Charlotte", "Evelyn", "Sienna", "Sofia", "Daisy", "Phoebe", "Matilda", "Ruby", "Chloe", "Jessica",
			"Alice", "Millie", "Holly", "Megan", "Erin", "Niamh", "Aisha", "Zara", "Maryam", "Amira", "Priya", "Hannah",
			"Leah", "Maisie", "Scarlett", "Harriet", "Lucy", "Eleanor", "Imogen", "Katie", "Zainab");

	private static final List<String> BOYS = List.of("Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry",
			"Oscar", "Archie", "Henry", "Theodore", "Freddie", "Jack", "Charlie", "Theo", "Alfie", "Jacob", "Thomas",
			"Finley", "Lucas", "Isaac", "Joshua", "James", "William", "Max", "Ethan", "Samuel", "Daniel", "Harrison",
			"Joseph", "Alexander", "Mohammed", "Adam", "Reuben", "Dylan", "Logan", "Riley", "Kian", "Callum", "Owen",
			"Ryan", "Jayden", "Ibrahim", "Yusuf", "Rohan", "Arjun", "Kai", "Tyler", "Ben", "Liam");

	private static final List<String> WOMEN = List.of("Sarah", "Emma", "Claire", "Rachel", "Helen", "Laura",
			"Nicola", "Rebecca", "Kelly", "Lisa", "Joanne", "Amanda", "Louise", "Victoria", "Hannah", "Katie",
			"Samantha", "Michelle", "Gemma", "Catherine", "Jennifer", "Natalie", "Zoe", "Fatima", "Nadia", "Shabana",
			"Anita", "Agnieszka", "Donna", "Stacey", "Leanne", "Charlotte", "Jodie", "Kirsty", "Siobhan", "Ruth",
			"Susan", "Karen", "Angela", "Margaret", "Elizabeth", "Jane", "Alison", "Julie", "Tracey", "Amy", "Lauren",
			"Jasmine", "Sadia", "Grace");

	private static final List<String> MEN = List.of("David", "Paul", "Mark", "Andrew", "Richard", "James", "Michael",
			"Stephen", "Daniel", "Christopher", "Matthew", "Gareth", "Simon", "Jonathan", "Neil", "Lee", "Craig",
			"Robert", "Ian", "Darren", "Martin", "Peter", "Adam", "Imran", "Tariq", "Rajesh", "Kwame", "Tomasz",
			"Wayne", "Jason", "Carl", "Dean", "Scott", "Stuart", "Gary", "Kevin", "Philip", "Anthony", "John", "Graham",
			"Keith", "Brian", "Nathan", "Ryan", "Liam", "Sean", "Asif", "Sanjay", "Chinedu", "Owen");

	private static final List<String> SURNAMES = List.of("Smith", "Jones", "Williams", "Taylor", "Brown", "Davies",
			"Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White",
			"Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner",
			"Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison",
			"Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young",
			"Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw",
			"Murphy", "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams",
			"Singh", "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali",
			"Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight",
			"Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey",
			"Graham", "Pearson", "Ahmed", "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews", "Stewart",
			"Elliott", "Reynolds", "Saunders", "Payne", "Fox", "O'Brien", "Nowak", "Okafor", "Mensah", "Kowalski");

	private static final List<String> PERSONAL_EMAIL_DOMAINS = List.of("example.com", "example.org", "example.net",
			"mail.example");

	private final String urn;

	private final Random random;

	private final Set<String> emails = new HashSet<>();

	private SchoolDataGenerator(String urn) {
		this.urn = urn;
		this.random = new Random(urn.hashCode());
	}

	static SchoolData generate(String urn) {
		return new SchoolDataGenerator(urn).school();
	}

	private SchoolData school() {
		List<StaffMember> staff = staff();
		List<Family> families = new ArrayList<>();
		List<Student> students = students(families);
		return new SchoolData(staff, students, contacts(families), groups(students));
	}

	private List<StaffMember> staff() {
		int count = 55 + random.nextInt(11);
		Set<Integer> withoutEmail = someOf(count, SHARE_WITHOUT_EMAIL);
		List<StaffMember> staff = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String forename = pick(random.nextBoolean() ? WOMEN : MEN);
			String surname = pick(SURNAMES);
			String jobTitle = (i < SENIOR_AND_SUPPORT_ROLES.size()) ? SENIOR_AND_SUPPORT_ROLES.get(i)
					: pick(TEACHING_ROLES);
			String email = withoutEmail.contains(i) ? null
					: uniqueEmail(initial(forename) + "." + local(surname), urn + ".school.example");
			staff.add(new StaffMember(id("STF", i), forename, surname, email, jobTitle));
		}
		return staff;
	}

	/**
	 * Exactly a few of {@code count} indexes, at least one: even a staff list this short has someone without email.
	 */
	private Set<Integer> someOf(int count, double share) {
		List<Integer> indexes = IntStream.range(0, count).boxed().collect(toCollection(ArrayList::new));
		Collections.shuffle(indexes, random);
		return Set.copyOf(indexes.subList(0, (int) Math.max(1, Math.round(count * share))));
	}

	/**
	 * Generates the oldest students first, so that a younger student can join the family of an older one; no family
	 * has two children in one year.
	 */
	private List<Student> students(List<Family> families) {
		List<Student> students = new ArrayList<>();
		for (int year = LAST_YEAR; year >= FIRST_YEAR; year--) {
			// Families with a child in an older year and none yet in this one.
			List<Family> familiesInOlderYears = new ArrayList<>(families);
			for (char form : FORMS.toCharArray()) {
				int size = 27 + random.nextInt(7);
				for (int i = 0; i < size; i++) {
					Family family = familyOfNextStudent(familiesInOlderYears, families);
					String id = id("STU", students.size());
					family.studentIds().add(id);
					String forename = pick(random.nextBoolean() ? GIRLS : BOYS);
					String email = hasEmail() ? uniqueEmail(initial(forename) + "." + local(family.surname()),
							"students." + urn + ".school.example") : null;
					students.add(new Student(id, forename, family.surname(), year, year + String.valueOf(form), email));
				}
			}
		}
		students.sort(Comparator.comparingInt(Student::yearGroup));
		return students;
	}

	private Family familyOfNextStudent(List<Family> familiesInOlderYears, List<Family> families) {
		if (!familiesInOlderYears.isEmpty() && random.nextDouble() < CHANCE_OF_OLDER_SIBLING) {
			return familiesInOlderYears.remove(random.nextInt(familiesInOlderYears.size()));
		}
		Family family = new Family(pick(SURNAMES), new ArrayList<>());
		families.add(family);
		return family;
	}

	private List<Contact> contacts(List<Family> families) {
		List<Contact> contacts = new ArrayList<>();
		for (Family family : families) {
			for (Relationship relationship : household()) {
				contacts.add(contact(id("CON", contacts.size()), relationship, family));
			}
		}
		return contacts;
	}

	/**
	 * Whom a family gives the school as contacts: one parent or carer in four households of ten, two in the others,
	 * sometimes someone from the wider family as well.
	 */
	private List<Relationship> household() {
		List<Relationship> household = new ArrayList<>(3);
		double shape = random.nextDouble();
		if (shape < 0.30) {
			household.add(Relationship.MOTHER);
		}
		else if (shape < 0.36) {
			household.add(Relationship.FATHER);
		}
		else if (shape < 0.40) {
			household.add(Relationship.CARER);
		}
		else if (shape < 0.91) {
			household.addAll(List.of(Relationship.MOTHER, Relationship.FATHER));
		}
		else if (shape < 0.97) {
			household.addAll(List.of(Relationship.MOTHER, Relationship.STEP_FATHER));
		}
		else {
			household.addAll(List.of(Relationship.FATHER, Relationship.STEP_MOTHER));
		}
		if (random.nextDouble() < CHANCE_OF_WIDER_FAMILY) {
			household.add(pick(List.of(Relationship.GRANDPARENT, Relationship.GRANDPARENT, Relationship.AUNT,
					Relationship.UNCLE)));
		}
		return household;
	}

	private Contact contact(String id, Relationship relationship, Family family) {
		boolean female = (relationship.female != null) ? relationship.female : random.nextBoolean();
		String forename = pick(female ? WOMEN : MEN);
		String surname = (random.nextDouble() < relationship.chanceOfFamilySurname) ? family.surname()
				: pick(SURNAMES);
		String email = hasEmail() ? uniqueEmail(local(forename) + "." + local(surname) + emailNumber(),
				pick(PERSONAL_EMAIL_DOMAINS)) : null;
		boolean parentalResponsibility = random.nextDouble() < relationship.chanceOfParentalResponsibility;
		boolean courtOrder = relationship.isParent() && random.nextDouble() < CHANCE_OF_COURT_ORDER;
		return new Contact(id, forename, surname, email, relationship.label, parentalResponsibility, courtOrder,
				family.studentIds());
	}

	private static List<MisGroup> groups(List<Student> students) {
		Map<Integer, Long> perYear = students.stream().collect(groupingBy(Student::yearGroup, counting()));
		Map<String, Long> perForm = students.stream().collect(groupingBy(Student::registrationGroup, counting()));
		List<MisGroup> groups = new ArrayList<>();
		for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
			groups.add(new MisGroup("Y" + year, "Year " + year, MisGroup.Type.YEAR_GROUP, year,
					perYear.get(year).intValue()));
			for (char form : FORMS.toCharArray()) {
				String id = year + String.valueOf(form);
				groups.add(new MisGroup(id, id, MisGroup.Type.REGISTRATION_GROUP, year, perForm.get(id).intValue()));
			}
		}
		return groups;
	}

	private boolean hasEmail() {
		return random.nextDouble() >= SHARE_WITHOUT_EMAIL;
	}

	private String emailNumber() {
		return random.nextBoolean() ? "" : String.valueOf(10 + random.nextInt(90));
	}

	private String uniqueEmail(String localPart, String domain) {
		String email = localPart + "@" + domain;
		for (int n = 2; !emails.add(email); n++) {
			email = localPart + n + "@" + domain;
		}
		return email;
	}

	private String id(String prefix, int index) {
		return String.format("%s-%s-%04d", prefix, urn, index + 1);
	}

	private <T> T pick(List<T> options) {
		return options.get(random.nextInt(options.size()));
	}

	private static String local(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
	}

	private static String initial(String forename) {
		return local(forename).substring(0, 1);
	}

	/**
	 * A family at the school: its surname and its children there. The list fills up as the students are generated.
	 */
	private record Family(String surname, List<String> studentIds) {
	}

	private enum Relationship {

		MOTHER("Mother", true, 0.8, 1.0),
		FATHER("Father", false, 0.9, 0.95),
		STEP_MOTHER("Step-mother", true, 0.5, 0.05),
		STEP_FATHER("Step-father", false, 0.5, 0.05),
		CARER("Carer", null, 0.2, 0.3),
		GRANDPARENT("Grandparent", null, 0.5, 0.0),
		AUNT("Aunt", true, 0.3, 0.0),
		UNCLE("Uncle", false, 0.5, 0.0);

		private final String label;

		/** {@code null}: either. */
		private final Boolean female;

		private final double chanceOfFamilySurname;

		private final double chanceOfParentalResponsibility;

		Relationship(String label, Boolean female, double chanceOfFamilySurname,
				double chanceOfParentalResponsibility) {
			this.label = label;
			this.female = female;
			this.chanceOfFamilySurname = chanceOfFamilySurname;
			this.chanceOfParentalResponsibility = chanceOfParentalResponsibility;
		}

		boolean isParent() {
			return this == MOTHER || this == FATHER;
		}
	}
}
