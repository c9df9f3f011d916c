package demo;

class Dao {
    int count(Query q) {
        return q.where("a").fetch().count();
    }
}
